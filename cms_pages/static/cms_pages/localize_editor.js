/*
 * wagtail-localize's translation editor writes two labels in English in its
 * JavaScript bundle, outside any catalogue: the heading "<source> to
 * <target> translation" and the screen-reader text "More actions". This
 * script puts the admin language's wording (given by the server in its own
 * data attributes) in their place, again whenever React renders them anew.
 * The server leaves it out where nothing would change (English).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) {
    return;
  }
  var heading = script.dataset.heading;
  var moreActions = script.dataset.moreActions;
  var EDITOR = ".js-translation-editor";
  var HEADING = /^(.+) to (.+) translation$/;

  function translate(node) {
    var text = node.nodeValue;
    if (text === "More actions") {
      node.nodeValue = moreActions;
      return;
    }
    var match = HEADING.exec(text);
    if (match && node.parentNode && node.parentNode.nodeName === "H3") {
      node.nodeValue = heading
        .replace("%(source)s", match[1])
        .replace("%(target)s", match[2]);
    }
  }

  function translateEditors() {
    document.querySelectorAll(EDITOR).forEach(function (editor) {
      var walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        translate(walker.currentNode);
      }
    });
  }

  var pending = false;
  function schedule() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        translateEditors();
      });
    }
  }

  function start() {
    translateEditors();
    new MutationObserver(schedule).observe(document.body, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

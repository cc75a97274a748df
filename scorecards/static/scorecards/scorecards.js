// Scorecards: a "copy" button for the badge's HTML (without JavaScript the
// text stays selectable in its read-only box).
(function () {
  "use strict";
  var source = document.querySelector("[data-copy-source]");
  var slot = document.querySelector("[data-copy-button-slot]");
  if (!source || !slot || !navigator.clipboard) {
    return;
  }
  var button = document.createElement("button");
  button.type = "button";
  button.className = "button button--secondary button--small";
  button.textContent = slot.dataset.copyLabel;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(source.value).then(function () {
      button.textContent = slot.dataset.copiedLabel;
    });
  });
  slot.appendChild(button);
})();

// Support and withdraw without reloading the page. Without JavaScript the
// forms post and the server redirects back to the priority (at the cap, the
// server renders the remaining buttons disabled with the reason beside them).
// With it, every answer shows beside the button that was pressed (a polite
// live region, so it is also announced), the "You support N of M" counter
// follows every support and withdrawal, and at the cap the other "Support"
// buttons are disabled and say why.
(function () {
  "use strict";
  var summary = document.querySelector("[data-supports-summary]");
  var labels = document.querySelector("[data-consultation-labels]");

  function say(form, text) {
    var feedback = form.closest("[data-priority-support]").querySelector("[data-support-feedback]");
    if (!feedback) return;
    feedback.textContent = "";
    window.setTimeout(function () { feedback.textContent = text; }, 50);
  }

  // Every priority's "Support" button: usable below the cap; at the cap
  // disabled, described by the note that says why.
  function followCap(data) {
    if (summary && data.supports_summary) summary.textContent = data.supports_summary;
    if (typeof data.at_cap !== "boolean") return;
    document.querySelectorAll("[data-priority-support]").forEach(function (container) {
      var form = container.querySelector("[data-support-form]");
      var note = container.querySelector("[data-cap-note]");
      if (!form) return;
      if (!note) {
        // Below the cap the server writes no note: one is made when needed.
        note = document.createElement("p");
        note.className = "priority__cap-note";
        note.id = container.closest(".priority").id + "-cap-note";
        note.setAttribute("data-cap-note", "");
        note.hidden = true;
        form.after(note);
      }
      var button = form.querySelector("button");
      var supporting = button.getAttribute("aria-pressed") === "true";
      var blocked = data.at_cap && !supporting;
      button.disabled = blocked;
      // The note's text is written once on the page (the server writes it
      // only beside the buttons it disables).
      if (blocked && !note.textContent && labels) note.textContent = labels.dataset.capNote;
      note.hidden = !blocked;
      if (blocked) button.setAttribute("aria-describedby", note.id);
      else button.removeAttribute("aria-describedby");
    });
  }

  function swap(form, data) {
    var container = form.closest("[data-priority-support]");
    var count = container.querySelector("[data-support-count]");
    if (count) count.textContent = data.count;
    var button = form.querySelector("button");
    var hidden = button.querySelector(".visually-hidden");
    var label = hidden ? hidden.outerHTML : "";
    var action = form.getAttribute("action");
    if (data.supported) {
      form.setAttribute("action", action.replace("/support/", "/withdraw/"));
      button.innerHTML = form.dataset.withdrawLabel + label;
      button.setAttribute("aria-pressed", "true");
      button.classList.add("button--secondary");
    } else {
      form.setAttribute("action", action.replace("/withdraw/", "/support/"));
      button.innerHTML = form.dataset.supportLabel + label;
      button.setAttribute("aria-pressed", "false");
      button.classList.remove("button--secondary");
    }
  }

  document.querySelectorAll("[data-support-form]").forEach(function (form) {
    form.dataset.supportLabel = labels ? labels.dataset.support : "Support";
    form.dataset.withdrawLabel = labels ? labels.dataset.withdraw : "Withdraw my support";
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button");
      button.disabled = true;
      fetch(form.getAttribute("action"), {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "Accept": "application/json" }
      })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          button.disabled = false;
          if (data.ok) swap(form, data);
          followCap(data);
          say(form, data.message);
          if (!button.disabled) button.focus();
        })
        .catch(function () {
          button.disabled = false;
          form.submit();
        });
    });
  });
})();

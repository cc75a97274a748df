// Support and withdraw without reloading the page. Without JavaScript the
// forms post and the server redirects back to the priority.
(function () {
  "use strict";
  var announcer = document.querySelector("[data-consultation-announcer]");

  function announce(text) {
    if (!announcer) return;
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
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
    button.focus();
  }

  document.querySelectorAll("[data-support-form]").forEach(function (form) {
    var root = document.querySelector("[data-consultation-labels]");
    form.dataset.supportLabel = root ? root.dataset.support : "Support";
    form.dataset.withdrawLabel = root ? root.dataset.withdraw : "Withdraw my support";
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
          else button.focus();
          announce(data.message);
        })
        .catch(function () {
          button.disabled = false;
          form.submit();
        });
    });
  });
})();

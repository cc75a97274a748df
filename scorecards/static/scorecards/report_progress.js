// The reports' list in the admin: while a report is queued or being
// generated, reload the list every few seconds to show its progress
// (without JavaScript, the list offers a refresh link).
(function () {
  "use strict";
  var list = document.getElementById("report-progress");
  if (!list || !list.dataset.refreshSeconds) {
    return;
  }
  var seconds = parseInt(list.dataset.refreshSeconds, 10) || 5;
  window.setTimeout(function () {
    window.location.reload();
  }, seconds * 1000);
})();

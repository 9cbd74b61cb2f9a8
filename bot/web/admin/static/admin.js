// Live progress of broadcasts: refresh the marked fields every 2 s while a job is pending or running.
// The page works without this (it shows the state when loaded, and <noscript> reloads it).
"use strict";
(function () {
  function minutes(seconds) {
    return Math.floor(seconds / 60) + "m " + Math.floor(seconds % 60) + "s";
  }
  function show(box, job) {
    var failed = job.failed.blocked + job.failed.chat_not_found + job.failed.rejected + job.failed.network;
    var values = { percent: Math.round(job.progress * 100) + "%", state: job.state, sent: job.sent,
      failed: failed, remaining: job.remaining, eta: minutes(job.eta_seconds),
      total: job.total === null ? "counted when it starts" : job.total, blocked: job.failed.blocked,
      chat_not_found: job.failed.chat_not_found, rejected: job.failed.rejected, network: job.failed.network,
      no_message: job.no_message, late: job.late, cancelled: job.cancelled };
    // The bar's own fields, and the delivery report around it when the page has one.
    var scope = box.closest("[data-job]") || box;
    Object.keys(values).forEach(function (name) {
      scope.querySelectorAll('[data-field="' + name + '"]').forEach(function (field) {
        field.textContent = String(values[name]);
      });
    });
    var state = box.querySelector('[data-field="state"]');
    if (state) { state.className = "badge " + job.state; }
    var bar = box.querySelector("progress");
    if (bar) { bar.value = job.progress; bar.textContent = values.percent; }
  }
  function follow(box) {
    var url = box.getAttribute("data-progress-url");
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (job) {
          if (!job) { return; }
          show(box, job);
          if (job.state === "pending" || job.state === "running") { setTimeout(poll, 2000); }
        })
        .catch(function () { setTimeout(poll, 5000); });
    }
    setTimeout(poll, 1000);
  }
  document.querySelectorAll("[data-progress-url]").forEach(follow);
})();

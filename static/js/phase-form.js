/* Phase form: rows added on demand, and autosave while typing.
 *
 * Autosave sends the whole form (with its CSRF token) one request at a time. A request that fails
 * on the network is retried as it was, with the same save_id, so that a save that reached the
 * server but lost its reply is not applied twice; only then is newer text sent. A conflict (the
 * answers changed elsewhere) stops autosave: the text stays on screen, and the banner says what to do.
 */
(function () {
  "use strict";

  function setUpRows(container) {
    var button = container.querySelector("[data-add-row]");
    if (!button) return;
    var maxRows = parseInt(container.getAttribute("data-max-rows"), 10) || Infinity;
    var fullHint = container.querySelector("[data-rows-full]");

    function rowCount() {
      return container.querySelectorAll("[data-row]").length;
    }

    // At the limit the button is disabled, and the hint next to it (a live region) says why.
    function showLimit() {
      var full = rowCount() >= maxRows;
      button.disabled = full;
      if (!fullHint) return;
      fullHint.textContent = full ? fullHint.getAttribute("data-rows-full") : "";
      if (full) button.setAttribute("aria-describedby", fullHint.id);
      else button.removeAttribute("aria-describedby");
    }

    button.hidden = false;
    showLimit();
    button.addEventListener("click", function () {
      var rows = container.querySelectorAll("[data-row]");
      if (rows.length >= maxRows) return;
      var last = rows[rows.length - 1];
      var copy = last.cloneNode(true);
      var next = rows.length;
      copy.querySelectorAll("input, textarea, label").forEach(function (el) {
        ["name", "id", "for"].forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value) el.setAttribute(attr, value.replace(/__\d+__/, "__" + next + "__"));
        });
        if (el.tagName !== "LABEL") el.value = "";
        if (el.tagName === "LABEL") el.textContent = el.textContent.replace(/\d+$/, String(next + 1));
      });
      var legend = copy.querySelector("legend");
      if (legend) legend.textContent = legend.textContent.replace(/\d+$/, String(next + 1));
      last.parentNode.insertBefore(copy, last.nextSibling);
      showLimit();
      var first = copy.querySelector("input, textarea");
      if (first) first.focus();
    });
  }

  document.querySelectorAll("[data-rows]").forEach(setUpRows);

  var form = document.getElementById("phase-form");
  if (!form || !window.fetch) return;
  var url = form.getAttribute("data-autosave-url");
  var versionInput = form.querySelector("[data-version]");
  var statusLine = form.querySelector("[data-autosave-status]");
  var errorBox = form.querySelector("[data-autosave-error]");
  var DELAY = 1500;
  var timer = null;
  var inFlight = null; // {body, saveId}
  var dirty = false;
  var stopped = false;
  var retryDelay = 2000;
  var pendingSubmitter; // the button clicked while an autosave was on its way

  function submitPending() {
    if (pendingSubmitter === undefined) return false;
    var submitter = pendingSubmitter;
    pendingSubmitter = undefined;
    form.requestSubmit(submitter);
    return true;
  }

  function newSaveId() {
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 10);
  }

  function showError(message) {
    errorBox.querySelector("p").textContent = message;
    errorBox.hidden = false;
  }

  // A refused autosave (400) names the questions and what is wrong with them (two messages each at most).
  function refusal(data) {
    var text = data.error || "L'enregistrement automatique a échoué.";
    Object.keys(data.errors || {}).forEach(function (name) {
      var question = form.querySelector('[data-question="' + CSS.escape(name) + '"]');
      var label = question ? question.getAttribute("data-question-label") : name;
      text += " « " + label + " » : " + data.errors[name].slice(0, 2).join(" ");
    });
    return text;
  }

  function send(request) {
    inFlight = request;
    fetch(url, { method: "POST", body: request.body, credentials: "same-origin", headers: { "X-Requested-With": "XMLHttpRequest" } })
      .then(function (response) {
        return response.json().then(function (data) { return { status: response.status, data: data }; });
      })
      .then(function (result) {
        inFlight = null;
        retryDelay = 2000;
        if (result.status === 200) {
          versionInput.value = result.data.version;
          errorBox.hidden = true;
          statusLine.textContent = "Enregistré à " + result.data.saved_at;
          var status = document.querySelector("[data-phase-status]");
          if (status) status.textContent = result.data.status;
          var progress = document.querySelector("[data-phase-progress]");
          if (progress) progress.textContent = result.data.answered + " question" + (result.data.answered > 1 ? "s" : "") + " sur " + result.data.total;
          if (submitPending()) return;
          if (dirty) schedule(0);
        } else {
          stopped = result.status === 409;
          if (submitPending()) return;
          statusLine.textContent = "";
          showError(refusal(result.data));
        }
      })
      .catch(function () {
        statusLine.textContent = "";
        showError("Connexion perdue : vos réponses ne sont pas encore enregistrées. Nouvel essai automatique…");
        setTimeout(function () { send(request); }, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 30000);
      });
  }

  function save() {
    timer = null;
    if (stopped || inFlight) return;
    dirty = false;
    var body = new FormData(form);
    var saveId = newSaveId();
    body.append("save_id", saveId);
    statusLine.textContent = "Enregistrement…";
    send({ body: body, saveId: saveId });
  }

  function schedule(delay) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delay);
  }

  function onEdit() {
    dirty = true;
    if (!inFlight) schedule(DELAY);
  }

  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
  form.addEventListener("submit", function (event) {
    stopped = true;
    if (timer) clearTimeout(timer);
    if (inFlight) {
      // Wait for the autosave on its way, so that this submission carries the new version.
      event.preventDefault();
      pendingSubmitter = event.submitter || null;
    }
  });
})();

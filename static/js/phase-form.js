/* Phase form: rows added and removed on demand, and autosave while typing.
 *
 * Autosave sends the whole form (with its CSRF token) one request at a time. A request that fails
 * on the network is retried as it was, with the same save_id, so that a save that reached the
 * server but lost its reply is not applied twice; only then is newer text sent. A conflict (the
 * answers changed elsewhere) stops autosave: the text stays on screen, and the banner says what to do.
 */
(function () {
  "use strict";

  // What the candidate fills in a row (not the hidden cells of retired columns).
  function fields(row) {
    return row.querySelectorAll('textarea, input:not([type="hidden"])');
  }

  // A row's inputs are named <question>__<row>__<column>: give them, their ids and their labels'
  // `for` the row's new index, and its number (« Entrée 2 », « ligne 2 ») to what says it.
  function renumber(row, index) {
    row.querySelectorAll("input, textarea, label").forEach(function (el) {
      ["name", "id", "for"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value) el.setAttribute(attr, value.replace(/__\d+__/, "__" + index + "__"));
      });
    });
    row.querySelectorAll("[data-row-number]").forEach(function (el) {
      el.textContent = String(index + 1);
    });
  }

  function setUpRows(container) {
    var button = container.querySelector("[data-add-row]");
    if (!button) return;
    var maxRows = parseInt(container.getAttribute("data-max-rows"), 10) || Infinity;
    var fullHint = container.querySelector("[data-rows-full]");

    function rows() {
      return Array.prototype.slice.call(container.querySelectorAll("[data-row]"));
    }

    // At the limit the button is disabled, and the hint next to it (a live region) says why.
    function showLimit() {
      var full = rows().length >= maxRows;
      button.disabled = full;
      if (!fullHint) return;
      fullHint.textContent = full ? fullHint.getAttribute("data-rows-full") : "";
      if (full) button.setAttribute("aria-describedby", fullHint.id);
      else button.removeAttribute("aria-describedby");
    }

    button.hidden = false;
    container.querySelectorAll("[data-remove-row]").forEach(function (remove) { remove.hidden = false; });
    showLimit();
    button.addEventListener("click", function () {
      var all = rows();
      if (all.length >= maxRows) return;
      var last = all[all.length - 1];
      var copy = last.cloneNode(true);
      // A new row has none of the retired columns the last one may carry in hidden inputs.
      copy.querySelectorAll('input[type="hidden"]').forEach(function (el) { el.remove(); });
      fields(copy).forEach(function (el) { el.value = ""; });
      renumber(copy, all.length);
      last.parentNode.insertBefore(copy, last.nextSibling);
      showLimit();
      var first = fields(copy)[0];
      if (first) first.focus();
    });

    // « Supprimer cette ligne / entrée »: the row goes (with the hidden cells of retired columns),
    // the rows after it take its place, and the focus goes to the next row, else to the add button.
    // The only row is emptied instead. The change event sends the autosave.
    container.addEventListener("click", function (event) {
      var remove = event.target.closest("[data-remove-row]");
      if (!remove) return;
      var row = remove.closest("[data-row]");
      var all = rows();
      var position = all.indexOf(row);
      if (position < 0) return;
      var focusTarget;
      if (all.length === 1) {
        row.querySelectorAll('input[type="hidden"]').forEach(function (el) { el.remove(); });
        fields(row).forEach(function (el) { el.value = ""; });
        focusTarget = fields(row)[0];
      } else {
        var next = all[position + 1];
        row.remove();
        rows().forEach(renumber);
        focusTarget = next ? fields(next)[0] : null;
      }
      showLimit();
      (focusTarget || button).focus();
      container.dispatchEvent(new Event("change", { bubbles: true }));
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

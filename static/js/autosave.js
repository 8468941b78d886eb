/* Autosave of a form while its text is being written: the phase screen (phase-form.js) and the
 * Synthèse screen (synthesis-editor.js).
 *
 * The whole form (with its CSRF token and its `version`) is sent one request at a time, 1.5 s after
 * the last edit. A request that fails on the network is retried as it was, with the same save_id, so
 * that a save that reached the server but lost its reply is not applied twice; only then is newer
 * text sent. A conflict (409: the text changed elsewhere) stops autosave: the text stays on screen,
 * and the banner ([data-autosave-error]) says what to do. A submission while an autosave is on its
 * way waits for it, so that it carries the new version.
 *
 * formAutosave(form, options): options.savedText (« Enregistré à »), options.offlineText,
 * options.labelOf(name) (a field's label in a refusal), and the hooks beforeSave(), onSaved(data),
 * onConflict(data, versionInput).
 */
(function () {
  "use strict";

  window.formAutosave = function (form, options) {
    var url = form.getAttribute("data-autosave-url");
    var versionInput = form.querySelector('input[name="version"]');
    var statusLine = form.querySelector("[data-autosave-status]");
    var errorBox = form.querySelector("[data-autosave-error]");
    var DELAY = 1500;
    var timer = null;
    var inFlight = null; // {body, saveId}
    var dirty = false;
    var stopped = false;
    var retryDelay = 2000;
    var pendingSubmitter; // the button clicked while an autosave was on its way
    var hook = function (name) {
      return options[name] || function () {};
    };

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

    // A refused autosave (400) names the fields and what is wrong with them (two messages each at most).
    function refusal(data) {
      var text = data.error || "L'enregistrement automatique a échoué.";
      Object.keys(data.errors || {}).forEach(function (name) {
        text += " « " + options.labelOf(name) + " » : " + data.errors[name].slice(0, 2).join(" ");
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
            statusLine.textContent = options.savedText + " " + result.data.saved_at;
            hook("onSaved")(result.data);
            if (submitPending()) return;
            if (dirty) schedule(0);
          } else {
            stopped = result.status === 409;
            if (stopped) hook("onConflict")(result.data, versionInput);
            if (submitPending()) return;
            statusLine.textContent = "";
            showError(refusal(result.data));
          }
        })
        .catch(function () {
          statusLine.textContent = "";
          showError(options.offlineText);
          setTimeout(function () { send(request); }, retryDelay);
          retryDelay = Math.min(retryDelay * 2, 30000);
        });
    }

    function save() {
      timer = null;
      if (stopped || inFlight) return;
      dirty = false;
      hook("beforeSave")();
      // Sent as the form itself is (application/x-www-form-urlencoded, no file here): Django reads it
      // faster than multipart, which it parses in Python (docs/performance.md, change 13).
      var body = new URLSearchParams(new FormData(form));
      var saveId = newSaveId();
      body.set("save_id", saveId);
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
      hook("beforeSave")();
      if (inFlight) {
        // Wait for the autosave on its way, so that this submission carries the new version.
        event.preventDefault();
        pendingSubmitter = event.submitter || null;
      }
    });
  };
})();

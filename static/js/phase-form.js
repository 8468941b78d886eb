/* Phase form: rows added and removed on demand, and autosave while typing (autosave.js: one request
 * at a time, retried with the same save_id, stopped by a conflict with the text kept on screen).
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
  if (!form || !window.fetch || !window.formAutosave) return;
  window.formAutosave(form, {
    savedText: "Enregistré à",
    offlineText: "Connexion perdue : vos réponses ne sont pas encore enregistrées. Nouvel essai automatique…",
    labelOf: function (name) {
      var question = form.querySelector('[data-question="' + CSS.escape(name) + '"]');
      return question ? question.getAttribute("data-question-label") : name;
    },
    onSaved: function (data) {
      var status = document.querySelector("[data-phase-status]");
      if (status) status.textContent = data.status;
      var progress = document.querySelector("[data-phase-progress]");
      if (progress) progress.textContent = data.answered + " question" + (data.answered > 1 ? "s" : "") + " sur " + data.total;
    },
  });
})();

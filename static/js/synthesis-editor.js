/* The Synthèse screen: a small rich-text editor for each section, « Insérer dans la synthèse », and
 * autosave while writing.
 *
 * Each section's textarea stays in the form, hidden, and always holds the editor's HTML: the form is
 * posted as it is without JavaScript (the server cleans the HTML, and turns plain text into paragraphs).
 * Autosave is the phase screen's (autosave.js): one request at a time, retried with the same save_id,
 * stopped by a conflict with the text kept on screen and the banner saying what to do.
 */
(function () {
  "use strict";

  var form = document.getElementById("synthesis-form");
  if (!form || !document.execCommand) return;
  var announce = form.querySelector("[data-insert-announce]");

  var COMMANDS = [
    { command: "bold", label: "Gras", pressed: true },
    { command: "italic", label: "Italique", pressed: true },
    { command: "insertUnorderedList", label: "Liste à puces", pressed: true },
    { command: "insertOrderedList", label: "Liste numérotée", pressed: true },
  ];
  var editors = {}; // textarea id → {region, textarea, range, buttons, title}

  function sync(editor) {
    editor.textarea.value = editor.region.innerHTML;
  }

  // The top-level block of the region that holds `node` (a paragraph, a list), or null.
  function topBlock(region, node) {
    while (node && node.parentNode !== region) node = node.parentNode;
    return node;
  }

  function refreshPressed(editor) {
    editor.buttons.forEach(function (button) {
      var on = false;
      try { on = document.queryCommandState(button.getAttribute("data-command")); } catch (error) { on = false; }
      button.setAttribute("aria-pressed", on && document.activeElement === editor.region ? "true" : "false");
    });
  }

  function setUp(textarea) {
    var label = document.getElementById(textarea.id + "-label");
    var region = document.createElement("div");
    region.className = "synthesis-editor__region";
    region.id = textarea.id + "-editor";
    region.contentEditable = "true";
    region.setAttribute("role", "textbox");
    region.setAttribute("aria-multiline", "true");
    region.setAttribute("aria-labelledby", label.id);
    var described = [textarea.getAttribute("aria-describedby"), document.getElementById(textarea.id + "-error") ? textarea.id + "-error" : ""];
    described = described.filter(Boolean).join(" ");
    if (described) region.setAttribute("aria-describedby", described);
    if (textarea.getAttribute("aria-invalid") === "true") region.setAttribute("aria-invalid", "true");
    region.innerHTML = textarea.value.trim() || "<p><br></p>";

    var toolbar = document.createElement("div");
    toolbar.className = "synthesis-editor__toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "Mise en forme : " + label.textContent.replace(/^\d+\.\s*/, ""));
    toolbar.setAttribute("aria-controls", region.id);
    var buttons = COMMANDS.map(function (item) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "fr-btn fr-btn--sm fr-btn--tertiary synthesis-editor__button";
      button.textContent = item.label;
      button.setAttribute("data-command", item.command);
      button.setAttribute("aria-pressed", "false");
      // Keep the caret in the region: the button does not take the focus on a click.
      button.addEventListener("mousedown", function (event) { event.preventDefault(); });
      button.addEventListener("click", function () {
        region.focus();
        document.execCommand(item.command, false, null);
        sync(editor);
        refreshPressed(editor);
        region.dispatchEvent(new Event("input", { bubbles: true }));
      });
      toolbar.appendChild(button);
      return button;
    });

    textarea.hidden = true;
    textarea.parentNode.insertBefore(toolbar, textarea);
    textarea.parentNode.insertBefore(region, textarea);
    var editor = { region: region, textarea: textarea, range: null, buttons: buttons, title: label.textContent.replace(/^\d+\.\s*/, "") };
    editors[textarea.id] = editor;

    region.addEventListener("focus", function () {
      document.execCommand("defaultParagraphSeparator", false, "p");
      refreshPressed(editor);
    });
    region.addEventListener("blur", function () { refreshPressed(editor); });
    region.addEventListener("input", function () {
      if (!region.firstChild) region.innerHTML = "<p><br></p>";
      sync(editor);
    });
    // What is pasted comes as plain text: the styles of a word processor have no place here.
    region.addEventListener("paste", function (event) {
      if (!event.clipboardData) return;
      event.preventDefault();
      document.execCommand("insertText", false, event.clipboardData.getData("text/plain"));
    });
  }

  // Where the caret is, for each region (kept when the focus goes to « Insérer dans la synthèse »).
  document.addEventListener("selectionchange", function () {
    var selection = document.getSelection();
    if (!selection.rangeCount) return;
    var range = selection.getRangeAt(0);
    Object.keys(editors).forEach(function (id) {
      var editor = editors[id];
      if (editor.region.contains(range.startContainer)) {
        editor.range = range.cloneRange();
        if (document.activeElement === editor.region) refreshPressed(editor);
      }
    });
  });

  // The caret at the end of `node` (the last thing inserted), where the counsellor goes on writing.
  function placeCaretAtEnd(node) {
    while (node.lastChild && node.lastChild.nodeType === 1 && /^(P|UL|OL|LI)$/.test(node.lastChild.tagName)) node = node.lastChild;
    var range = document.createRange();
    range.selectNodeContents(node);
    range.collapse(false);
    var selection = document.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // The item's HTML after the caret's block (that block split at the caret), or at the end.
  function insert(editor, html) {
    var region = editor.region;
    var fragment = document.createRange().createContextualFragment(html);
    var last = fragment.lastChild;
    var range = editor.range;
    var block = range && region.contains(range.startContainer) ? topBlock(region, range.startContainer) : null;
    var empty = function (node) { return !node.textContent.replace(/\u00a0/g, " ").trim(); };
    if (!block) {
      var end = region.lastChild;
      if (end && end.nodeType === 1 && empty(end)) region.removeChild(end);
      region.appendChild(fragment);
    } else if (block.nodeType !== 1) {
      region.insertBefore(fragment, block.nextSibling);
    } else if (empty(block)) {
      region.replaceChild(fragment, block);
    } else {
      var tail = document.createRange();
      tail.setStart(range.startContainer, range.startOffset);
      tail.setEnd(block, block.childNodes.length);
      var rest = block.cloneNode(false);
      rest.appendChild(tail.extractContents());
      var next = block.nextSibling;
      region.insertBefore(fragment, next);
      if (!empty(rest)) region.insertBefore(rest, next);
      if (empty(block)) region.removeChild(block);
    }
    region.focus();
    placeCaretAtEnd(last && last.nodeType === 1 ? last : region);
    editor.range = document.getSelection().rangeCount ? document.getSelection().getRangeAt(0).cloneRange() : null;
    sync(editor);
    region.dispatchEvent(new Event("input", { bubbles: true }));
    announce.textContent = "";
    setTimeout(function () { announce.textContent = "Réponse insérée dans « " + editor.title + " »."; }, 50);
  }

  form.querySelectorAll("textarea[data-synthesis-section]").forEach(setUp);
  form.querySelectorAll("[data-insert]").forEach(function (button) {
    var editor = editors[button.getAttribute("data-insert-into")];
    var source = document.getElementById(button.getAttribute("data-insert"));
    if (!editor || !source) return;
    button.hidden = false;
    button.addEventListener("click", function () { insert(editor, source.innerHTML); });
  });

  // Autosave (autosave.js): each editor's HTML goes into its textarea before the form is sent.
  if (!window.fetch || !window.formAutosave) return;
  window.formAutosave(form, {
    savedText: "Brouillon enregistré à",
    offlineText: "Connexion perdue : votre texte n'est pas encore enregistré. Nouvel essai automatique…",
    labelOf: function (name) {
      var label = document.getElementById("id_" + name + "-label");
      return label ? label.textContent : name;
    },
    beforeSave: function () {
      Object.keys(editors).forEach(function (id) { sync(editors[id]); });
    },
    // « Enregistrer le brouillon » then keeps this text over the other one, as the banner says.
    onConflict: function (data, versionInput) {
      if (data.version !== undefined) versionInput.value = data.version;
    },
  });
})();

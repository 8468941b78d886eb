/* *Copier* next to an address to paste elsewhere (the agenda's subscription address): the address
 * goes to the clipboard and « Adresse copiée » is shown and announced (aria-live). Where the clipboard
 * cannot be written (no permission, an insecure page), the address is selected for Ctrl+C instead.
 * Without JavaScript the button stays hidden and the read-only field can be copied by hand. */
(function () {
  "use strict";
  var COPIED = "Adresse copiée";
  var SELECTED = "Adresse sélectionnée : copiez-la avec Ctrl+C (ou Cmd+C).";

  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (group) {
    var source = group.querySelector("[data-copy-source]");
    var button = group.querySelector("[data-copy-button]");
    var status = group.querySelector("[data-copy-status]");
    if (!source || !button || !status) return;
    button.hidden = false;

    function say(text, kind) {
      status.textContent = "";
      // A new message each time, so that a second click is announced again.
      window.setTimeout(function () {
        var message = document.createElement("p");
        message.className = "fr-message fr-message--" + kind;
        message.textContent = text;
        status.appendChild(message);
      }, 50);
    }

    function selectAddress() {
      source.focus();
      source.select();
      source.setSelectionRange(0, source.value.length);
      say(SELECTED, "info");
    }

    button.addEventListener("click", function () {
      if (!navigator.clipboard || !navigator.clipboard.writeText) {
        selectAddress();
        return;
      }
      navigator.clipboard.writeText(source.value).then(function () { say(COPIED, "valid"); }, selectAddress);
    });
  });
})();

/* Choose the candidate by typing a last name or a username: the select's options are filtered
 * as one types, and the first match is selected. Without JavaScript the plain select remains. */
(function () {
  "use strict";
  var box = document.querySelector("[data-candidate-search]");
  var select = document.getElementById("id_dossier");
  if (!box || !select) return;
  var input = box.querySelector("input");
  var options = Array.prototype.slice.call(select.options).filter(function (option) { return option.value; });
  box.hidden = false;

  function normalise(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  input.addEventListener("input", function () {
    var query = normalise(input.value.trim());
    var first = null;
    options.forEach(function (option) {
      var match = !query || normalise(option.textContent).indexOf(query) !== -1;
      option.hidden = !match;
      option.disabled = !match;
      if (match && !first) first = option;
    });
    if (query && first) select.value = first.value;
  });
})();

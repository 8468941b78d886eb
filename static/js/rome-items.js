/* Lists of items chosen in the ROME (phases/widgets/rome_items.html): an item picked in the combobox
 * (rome-combobox.js, event « rome-combobox:choose ») becomes a row, from the list's <template>; « Retirer »
 * removes a row; a competence ROME lacks is added with its button. Each change is announced in the
 * list's live region and sent to the autosave (a « change » event on the form). Without JavaScript the
 * same inputs work through « Rechercher dans le ROME » and the « Retirer » boxes.
 */
(function () {
  "use strict";

  function setUp(root) {
    var list = root.querySelector("[data-rome-items-list]");
    var template = root.querySelector("[data-rome-item-template]");
    var status = root.querySelector("[data-rome-items-status]");
    var empty = root.querySelector("[data-rome-items-empty]");
    var query = root.querySelector("[data-rome-query]");
    var own = root.querySelector("[data-rome-own]");
    var maxItems = parseInt(root.getAttribute("data-max-items"), 10) || Infinity;

    function items() {
      return Array.prototype.slice.call(list.querySelectorAll("[data-rome-item]"));
    }

    function say(text) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }

    function changed() {
      empty.hidden = items().length > 0;
      root.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function nextIndex() {
      var highest = -1;
      items().forEach(function (item) {
        var match = /__(\d+)__code$/.exec(item.querySelector("[data-rome-item-code]").name);
        if (match) highest = Math.max(highest, parseInt(match[1], 10));
      });
      return highest + 1;
    }

    function enhance(item) {
      var box = item.querySelector("[data-rome-item-remove-box]");
      var button = item.querySelector("[data-rome-item-remove]");
      box.hidden = true;
      box.querySelector("input").disabled = true;
      button.hidden = false;
      button.addEventListener("click", function () {
        var label = item.querySelector("[data-rome-item-label]").value;
        item.remove();
        say("« " + label + " » retiré de la liste.");
        changed();
        (query || own).focus();
      });
    }

    function add(entry) {
      var key = entry.code || entry.label.toLowerCase();
      var already = items().some(function (item) {
        var code = item.querySelector("[data-rome-item-code]").value;
        var label = item.querySelector("[data-rome-item-label]").value.toLowerCase();
        return (code || label) === key;
      });
      if (already) return say("« " + entry.label + " » figure déjà dans la liste.");
      if (items().length >= maxItems) return say("La liste est complète : retirez un élément pour en ajouter un autre.");
      var html = template.innerHTML.replace(/__INDEX__/g, String(nextIndex()));
      var holder = document.createElement("ul");
      holder.innerHTML = html;
      var item = holder.firstElementChild;
      item.setAttribute("data-code", entry.code || "");
      item.querySelector("[data-rome-item-code]").value = entry.code || "";
      item.querySelector("[data-rome-item-label]").value = entry.label;
      item.querySelectorAll("[data-rome-item-text]").forEach(function (el) { el.textContent = entry.label; });
      item.querySelector("[data-rome-item-kind]").textContent = entry.fiche
        ? entry.fiche_label + " (" + entry.fiche + ")"
        : entry.kind_label;
      list.appendChild(item);
      enhance(item);
      say(root.getAttribute("data-added").replace("%(label)s", entry.label));
      changed();
    }

    items().forEach(enhance);
    var searchButton = root.querySelector("[data-rome-search-button]");
    if (searchButton) searchButton.hidden = true;
    if (query) query.removeAttribute("name"); // the combobox searches as one types
    root.addEventListener("rome-combobox:choose", function (event) {
      add(event.detail);
    });

    if (own) {
      own.removeAttribute("name"); // added as a row by its button, not at each autosave
      var ownButton = document.createElement("button");
      ownButton.type = "button";
      ownButton.className = "fr-btn fr-btn--secondary fr-btn--sm fr-mt-1w";
      ownButton.textContent = "Ajouter cette compétence";
      own.insertAdjacentElement("afterend", ownButton);
      var addOwn = function () {
        var label = own.value.trim();
        if (!label) return say("Écrivez d'abord la compétence à ajouter.");
        add({ code: "", label: label, kind: "libre", kind_label: "Compétence hors ROME" });
        own.value = "";
        own.focus();
      };
      ownButton.addEventListener("click", addOwn);
      own.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
          addOwn();
        }
      });
    }
  }

  document.querySelectorAll("[data-rome-items]").forEach(setUp);
})();

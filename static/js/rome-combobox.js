/* The ROME combobox (templates/includes/rome_combobox.html): a text input that suggests job titles
 * or skills from the référentiel as one types — the ARIA 1.2 combobox with a listbox popup.
 *
 * Every [data-rome-combobox] holding an input is enhanced. Its attributes:
 *   data-source     the JSON lookup (/metiers/recherche.json?liste=metiers|competences); q is added;
 *   data-navigate   choosing an option opens result.url (unless a listener calls preventDefault());
 *   data-no-submit  Enter without an active option does not submit the form around the input.
 * Choosing dispatches `rome-combobox:choose` (bubbling, cancelable) on the root, detail = the result
 * ({code, label, kind, kind_label, fiche, fiche_label, url}). Without navigation the input is then
 * cleared and keeps the focus, so that items can be added one after the other from the keyboard.
 *
 * Keys in the input: ArrowDown / ArrowUp move through the options (and wrap), Enter chooses the active
 * one, Escape closes the list (a second Escape clears the input), Tab closes it; Home / End stay the
 * input's own. A polite live region says how many options there are, or what went wrong.
 */
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var DELAY = 250;
  var FAILED = "La recherche n'a pas abouti : vérifiez votre connexion et réessayez.";

  function enhance(root, index) {
    var input = root.querySelector("input");
    var source = root.getAttribute("data-source");
    if (!input || !source || input.getAttribute("role") === "combobox") return;
    var navigate = root.hasAttribute("data-navigate");
    var noSubmit = root.hasAttribute("data-no-submit");
    var baseId = input.id || "rome-combobox-" + index;
    var label = root.querySelector("label[for='" + input.id + "']");

    var listbox = document.createElement("ul");
    listbox.id = baseId + "-listbox";
    listbox.className = "rome-combobox__listbox";
    listbox.setAttribute("role", "listbox");
    if (label) {
      if (!label.id) label.id = baseId + "-label";
      listbox.setAttribute("aria-labelledby", label.id);
    }
    listbox.hidden = true;
    input.insertAdjacentElement("afterend", listbox);

    var status = document.createElement("p");
    status.className = "fr-sr-only";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    root.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("autocomplete", "off");

    var results = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var lastQuery = null;

    function say(text) {
      status.textContent = text || "";
    }

    function isOpen() {
      return !listbox.hidden;
    }

    function setActive(next) {
      var options = listbox.children;
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "false");
        options[active].classList.remove("rome-combobox__option--active");
      }
      active = next;
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "true");
        options[active].classList.add("rome-combobox__option--active");
        input.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      if (!results.length) return;
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      setActive(-1);
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function secondary(result) {
      if (result.fiche_label) return result.fiche_label + " (" + result.fiche + ")";
      return result.kind_label || "";
    }

    function render(found) {
      setActive(-1);
      results = found;
      listbox.textContent = "";
      found.forEach(function (result, position) {
        var option = document.createElement("li");
        option.id = listbox.id + "-" + position;
        option.className = "rome-combobox__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var main = document.createElement("span");
        main.className = "rome-combobox__label";
        main.textContent = result.label;
        option.appendChild(main);
        var more = secondary(result);
        if (more) {
          var small = document.createElement("span");
          small.className = "rome-combobox__secondary";
          small.textContent = more;
          option.appendChild(small);
        }
        listbox.appendChild(option);
      });
      if (found.length) open();
      else close();
    }

    function search(query) {
      if (controller) controller.abort();
      controller = typeof AbortController === "function" ? new AbortController() : null;
      var url = source + (source.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(query);
      lastQuery = query;
      fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          });
        })
        .then(function (reply) {
          if (query !== input.value.trim()) return; // typed on since
          if (!reply.ok) {
            render([]);
            say((reply.data && reply.data.message) || FAILED);
            return;
          }
          render(reply.data.results || []);
          say(reply.data.message);
        })
        .catch(function (error) {
          if (error && error.name === "AbortError") return;
          lastQuery = null;
          render([]);
          say(FAILED);
        });
    }

    function schedule() {
      clearTimeout(timer);
      setActive(-1);
      var query = input.value.trim();
      if (query.length < MIN_LENGTH) {
        if (controller) controller.abort();
        lastQuery = null;
        render([]);
        say("");
        return;
      }
      timer = setTimeout(function () {
        search(query);
      }, DELAY);
    }

    function choose(position) {
      var result = results[position];
      if (!result) return;
      close();
      var event = new CustomEvent("rome-combobox:choose", { bubbles: true, cancelable: true, detail: result });
      root.dispatchEvent(event);
      if (navigate && !event.defaultPrevented && result.url) {
        input.value = result.label;
        say("Ouverture de « " + result.label + " »");
        window.location.assign(result.url);
        return;
      }
      input.value = "";
      results = [];
      lastQuery = null;
      listbox.textContent = "";
      input.focus();
      say("Choisi : " + result.label);
    }

    function move(step) {
      if (!results.length) {
        var query = input.value.trim();
        if (query.length >= MIN_LENGTH && query !== lastQuery) {
          clearTimeout(timer);
          search(query);
        }
        return;
      }
      if (!isOpen()) {
        open();
        setActive(step > 0 ? 0 : results.length - 1);
        return;
      }
      var next = active + step;
      if (active < 0) next = step > 0 ? 0 : results.length - 1;
      else if (next >= results.length) next = 0;
      else if (next < 0) next = results.length - 1;
      setActive(next);
    }

    input.addEventListener("input", schedule);

    input.addEventListener("keydown", function (event) {
      if (event.altKey && event.key === "ArrowDown") {
        event.preventDefault();
        open();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          move(1);
          break;
        case "ArrowUp":
          event.preventDefault();
          move(-1);
          break;
        case "Enter":
          if (isOpen() && active >= 0) {
            event.preventDefault();
            choose(active);
          } else if (noSubmit) {
            event.preventDefault();
          }
          break;
        case "Escape":
          if (isOpen()) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            render([]);
            lastQuery = null;
            say("");
          }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", close);
    input.addEventListener("click", open);

    // A pressed option keeps the focus in the input (no blur, the list stays open until the click).
    listbox.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    listbox.addEventListener("click", function (event) {
      var option = event.target.closest("[role='option']");
      if (!option) return;
      choose(Array.prototype.indexOf.call(listbox.children, option));
    });
  }

  function enhanceAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-rome-combobox]"), enhance);
  }

  window.romeCombobox = { enhanceAll: enhanceAll };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhanceAll);
  else enhanceAll();
})();

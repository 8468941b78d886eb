/* Live hints under the password fields: "Sécurité du mot de passe" and "Concordance des mots de
 * passe". Hints only: the server's password validators decide. Without JavaScript they stay hidden.
 */
(function () {
  "use strict";

  var MIN_LENGTH = 12;

  function strength(password) {
    if (!password) return "";
    if (password.length < MIN_LENGTH) return "trop court (" + MIN_LENGTH + " caractères au moins)";
    var kinds = [/[a-zà-ÿ]/, /[A-ZÀ-Ý]/, /\d/, /[^\wÀ-ÿ]/].filter(function (re) {
      return re.test(password);
    }).length;
    if (/^\d+$/.test(password) || kinds < 2) return "faible";
    if (kinds < 3 && password.length < 16) return "moyenne";
    return "bonne";
  }

  function match(password, confirmation) {
    if (!confirmation) return "";
    return password === confirmation ? "les mots de passe concordent" : "les mots de passe ne concordent pas";
  }

  function setUp() {
    var password = document.querySelector('input[data-password="new"]');
    var confirmation = document.querySelector('input[data-password="confirm"]');
    var strengthHint = document.querySelector("[data-password-strength]");
    var matchHint = document.querySelector("[data-password-match]");
    if (!password || !confirmation || !strengthHint || !matchHint) return;

    function show(hint, text) {
      hint.querySelector("[data-indicator-value]").textContent = text;
    }

    function update() {
      show(strengthHint, strength(password.value));
      show(matchHint, match(password.value, confirmation.value));
    }

    password.setAttribute("aria-describedby", ((password.getAttribute("aria-describedby") || "") + " password-strength").trim());
    confirmation.setAttribute("aria-describedby", ((confirmation.getAttribute("aria-describedby") || "") + " password-match").trim());
    strengthHint.hidden = false;
    matchHint.hidden = false;
    password.addEventListener("input", update);
    confirmation.addEventListener("input", update);
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

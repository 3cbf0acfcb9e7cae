/* Filters of the members directory, the stories and the search.
   1. On phones they fold into a "Filters (n)" disclosure (<details>, so it works
      without JavaScript and announces its state); from 48rem up it is kept open,
      and site.css hides its toggle there.
   2. A submitted filter form leaves its empty fields out of the address
      (?region=europe, not ?region=europe&country=&wave=…), as the server's own
      links do (home/addresses.py). */
(function () {
    "use strict";
    var wide = window.matchMedia("(min-width: 48rem)");
    var disclosures = document.querySelectorAll("details[data-filters-disclosure]");

    function fit() {
        disclosures.forEach(function (details) { details.open = wide.matches; });
    }
    fit();
    wide.addEventListener("change", fit);

    function leaveOutEmptyFields(form) {
        var disabled = [];
        Array.prototype.forEach.call(form.elements, function (field) {
            if (field.name && !field.disabled && field.type !== "submit" && field.type !== "button"
                && field.type !== "checkbox" && field.type !== "radio" && field.value.trim() === "") {
                field.disabled = true;
                disabled.push(field);
            }
        });
        // Back from the next page (the back/forward cache), the form must be whole again.
        window.addEventListener("pageshow", function () {
            disabled.forEach(function (field) { field.disabled = false; });
        }, { once: true });
    }

    document.addEventListener("submit", function (event) {
        var form = event.target;
        if (!event.defaultPrevented && form.matches("form[data-filters-form]") && form.method.toLowerCase() === "get") {
            leaveOutEmptyFields(form);
        }
    });
})();

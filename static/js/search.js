/* Search filters update the results without a full reload. Every state stays a
   normal address (history is updated), and without JavaScript the form simply
   submits. Focus stays where it was, and the result count is announced. */
(function () {
    "use strict";
    var form = document.querySelector("form[data-live-search]");
    if (!form || !window.fetch || !window.URLSearchParams) { return; }
    var pending = null;

    function addressFor() {
        var params = new URLSearchParams(new FormData(form));
        params.forEach(function (value, key) { if (value === "") { params.delete(key); } });
        var query = params.toString();
        return form.action + (query ? "?" + query : "");
    }

    function refresh(url, push) {
        if (pending) { pending.abort(); }
        pending = new AbortController();
        form.setAttribute("aria-busy", "true");
        fetch(url, { signal: pending.signal, headers: { "X-Requested-With": "fetch" } })
            .then(function (response) { return response.text(); })
            .then(function (html) {
                var next = new DOMParser().parseFromString(html, "text/html");
                var incoming = next.getElementById("search-results");
                var facets = next.querySelector(".filters");
                if (!incoming || !facets) { window.location.href = url; return; }
                document.getElementById("search-results").replaceWith(incoming);
                var active = document.activeElement && document.activeElement.closest(".filters") ? document.activeElement : null;
                var activeName = active && active.name, activeValue = active && active.value;
                document.querySelector(".filters").replaceWith(facets);
                var count = next.querySelector("[data-filters-count]");
                var shown = document.querySelector("[data-filters-count]");
                if (count && shown) { shown.textContent = count.textContent; }
                if (activeName) {
                    var again = form.querySelector('.filters [name="' + activeName + '"][value="' + CSS.escape(activeValue) + '"]');
                    if (again) { again.focus(); }
                }
                if (push) { history.pushState({}, "", url); }
                document.title = next.title;
            })
            .catch(function (error) { if (error.name !== "AbortError") { window.location.href = url; } })
            .finally(function () { form.removeAttribute("aria-busy"); });
    }

    form.addEventListener("change", function (event) {
        if (event.target.matches('.filters input[type="checkbox"], .filters select')) {
            refresh(addressFor(), true);
        }
    });
    window.addEventListener("popstate", function () { refresh(window.location.href, false); });
})();

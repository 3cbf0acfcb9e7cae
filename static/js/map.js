/* Maps of members, drawn with Leaflet (vendored in static/vendor/leaflet).
   The map loads only when the visitor asks for it: the tiles come from an
   external tile server, and the library is larger than the rest of the page.
   Without JavaScript the page shows the list and the coordinates instead. */
(function () {
    "use strict";

    function loadLeaflet(panel) {
        if (window.L) { return Promise.resolve(window.L); }
        return new Promise(function (resolve, reject) {
            var css = document.createElement("link");
            css.rel = "stylesheet";
            css.href = panel.dataset.leafletCss;
            document.head.appendChild(css);
            var script = document.createElement("script");
            script.src = panel.dataset.leaflet;
            script.onload = function () { resolve(window.L); };
            script.onerror = reject;
            document.head.appendChild(script);
        });
    }

    function addMarker(L, map, member) {
        var marker = L.circleMarker([member.lat, member.lng], {
            radius: 7, color: "#0b4f8a", weight: 2, fillColor: "#ffffff", fillOpacity: 1
        }).addTo(map);
        if (member.url) {
            var link = document.createElement("a");
            link.href = member.url;
            link.textContent = member.name;
            marker.bindPopup(link);
        } else {
            marker.bindTooltip(member.name);
        }
        return marker;
    }

    function show(panel) {
        var canvas = panel.querySelector("[data-map-canvas]");
        var button = panel.querySelector("[data-map-show]");
        button.disabled = true;
        loadLeaflet(panel).then(function (L) {
            canvas.hidden = false;
            button.hidden = true;
            var map = L.map(canvas, { scrollWheelZoom: false });
            L.tileLayer(panel.dataset.tiles, {
                maxZoom: 18, attribution: panel.dataset.attribution
            }).addTo(map);
            if (panel.dataset.source) {
                return fetch(panel.dataset.source, { headers: { "Accept": "application/json" } })
                    .then(function (response) { return response.json(); })
                    .then(function (data) {
                        var markers = data.members.map(function (m) { return addMarker(L, map, m); });
                        if (markers.length) {
                            map.fitBounds(L.featureGroup(markers).getBounds().pad(0.2), { maxZoom: 6 });
                        } else {
                            map.setView([20, 0], 2);
                        }
                    });
            }
            var point = { lat: parseFloat(panel.dataset.lat), lng: parseFloat(panel.dataset.lng), name: panel.dataset.name };
            addMarker(L, map, point);
            map.setView([point.lat, point.lng], parseInt(panel.dataset.zoom || "8", 10));
        }).catch(function () {
            button.disabled = false;
        });
    }

    document.querySelectorAll("[data-map]").forEach(function (panel) {
        var button = panel.querySelector("[data-map-show]");
        var note = panel.querySelector(".map-panel__privacy");
        if (!button || !panel.dataset.tiles) { return; }
        button.hidden = false;
        if (note) { note.hidden = false; }
        button.addEventListener("click", function () { show(panel); });
    });
})();

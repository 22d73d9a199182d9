/* The map page: draws the page's JSON twin with Leaflet over the world's countries (Natural
   Earth, world-atlas TopoJSON), all shipped in the package: no tile server, works offline.
   Every place is also listed in the page as text, so the drawing is an addition. */
(function () {
  "use strict";

  function entityUrl(id) {
    return "/entities/" + encodeURIComponent(id).replace(/%3A/gi, ":");
  }

  function eventUrl(id) {
    return "/events/" + encodeURIComponent(id).replace(/%3A/gi, ":");
  }

  function element(tag, text, href) {
    var node = document.createElement(href ? "a" : tag);
    if (href) { node.href = href; }
    node.textContent = text;
    return node;
  }

  // The popup of a point, built as elements (document text is never parsed as HTML).
  function popup(point, query) {
    var box = document.createElement("div");
    box.className = "map-popup";
    var title = element("strong", "");
    title.appendChild(element("a", point.place.name, entityUrl(point.place.id)));
    box.appendChild(title);
    var what = point.precision === "country" ? " (the country)" : "";
    box.appendChild(element("p", point.events + " event" + (point.events === 1 ? "" : "s") +
      ", " + point.stories + " stor" + (point.stories === 1 ? "y" : "ies") + what));
    if (point.latest.length) {
      var list = document.createElement("ul");
      point.latest.forEach(function (ev) {
        var item = document.createElement("li");
        item.appendChild(element("a", (ev.start || "undated") + " · " + ev.title, eventUrl(ev.id)));
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    if (point.events) {
      var all = "/events?entity=" + encodeURIComponent(point.place.id) + (query ? "&" + query : "");
      box.appendChild(element("a", "All its events", all));
    }
    return box;
  }

  function draw(box, data, world) {
    var map = L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 10, attributionControl: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth · GeoNames");
    var bounds = data.points.map(function (p) { return [p.latitude, p.longitude]; });
    // The view comes first: Leaflet draws a layer only on a map that has one.
    if (bounds.length > 1) {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 5 });
    } else if (bounds.length === 1) {
      map.setView(bounds[0], 4);
    } else {
      map.setView([45, 60], 2);
    }
    var countries = topojson.feature(world, world.objects.countries);
    L.geoJSON(countries, {
      style: { color: "#9aa3ad", weight: 0.6, fillColor: "#eef1f4", fillOpacity: 1 },
      interactive: false
    }).addTo(map);
    var query = box.getAttribute("data-query") || "";
    var most = Math.max.apply(null, data.points.map(function (p) { return p.events; }).concat([1]));
    data.points.forEach(function (point) {
      var hasEvents = point.events > 0;
      var radius = hasEvents ? 6 + 18 * Math.sqrt(point.events / most) : 5;
      var marker = L.circleMarker([point.latitude, point.longitude], {
        radius: radius,
        color: hasEvents ? "#0b4f9c" : "#c24e00",
        weight: 2,
        fillColor: hasEvents ? "#0b4f9c" : "#ffffff",
        fillOpacity: hasEvents ? 0.45 : 0.8
      });
      marker.bindPopup(popup(point, query));
      marker.bindTooltip(point.place.name + (hasEvents ? " · " + point.events + " events" : ""));
      marker.addTo(map);
    });
    window.pressgraphMap = map;  // for the browser tests and the curious
    box.setAttribute("data-ready", "true");
  }

  function start() {
    var box = document.getElementById("map");
    var twin = document.querySelector('link[rel="alternate"][type="application/json"]');
    if (!box || !twin || typeof window.L === "undefined" || typeof window.topojson === "undefined") {
      return;
    }
    var href = twin.getAttribute("href");
    box.setAttribute("data-query", href.indexOf("?") >= 0 ? href.split("?")[1] : "");
    Promise.all([
      fetch(href, { headers: { Accept: "application/json" } }).then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      }),
      fetch("/static/vendor/countries-50m.json").then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      })
    ]).then(function (got) {
      box.textContent = "";
      draw(box, got[0], got[1]);
    }).catch(function (error) {
      box.textContent = "The map could not be drawn (" + error.message + "); the places are listed below.";
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

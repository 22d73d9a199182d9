/* The network page: draws the page's JSON twin with Cytoscape.js (vendored, same origin).
   Every link is also listed in the page as text, so the drawing is an addition, not the page. */
(function () {
  "use strict";

  var EDGE_COLOURS = {
    "co-participation": "#8a8f98",
    cooperation: "#1b7837",
    agreement: "#2166ac",
    memorandum: "#5e3c99",
    appeal: "#b2182b",
    membership: "#8c510a",
    observer: "#01665e",
    partnership: "#c51b7d"
  };
  var NODE_COLOURS = { organization: "#0b4f9c", person: "#c24e00" };

  function entityUrl(id) {
    return "/entities/" + encodeURIComponent(id).replace(/%3A/gi, ":");
  }

  function elements(data) {
    var nodes = data.nodes.map(function (n) {
      return { group: "nodes", data: { id: n.id, label: n.label, name: n.name, kind: n.kind, weight: n.weight } };
    });
    var edges = data.edges.map(function (e, i) {
      return {
        group: "edges",
        data: { id: "e" + i, source: e.source, target: e.target, kind: e.kind, count: e.count,
                colour: EDGE_COLOURS[e.kind] || "#555", directed: e.kind === "co-participation" ? "none" : "triangle" }
      };
    });
    return nodes.concat(edges);
  }

  function style(maxWeight) {
    return [
      { selector: "node", style: {
        "background-color": NODE_COLOURS.organization,
        "label": "data(label)", "font-size": 12, "color": "#1b1b1b",
        "text-valign": "bottom", "text-halign": "center", "text-margin-y": 4,
        "text-outline-color": "#fff", "text-outline-width": 2,
        "width": "mapData(weight, 1, " + maxWeight + ", 18, 54)",
        "height": "mapData(weight, 1, " + maxWeight + ", 18, 54)"
      } },
      { selector: "node[kind = 'person']", style: { "background-color": NODE_COLOURS.person } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#c24e00" } },
      { selector: "edge", style: {
        "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "data(directed)", "curve-style": "bezier",
        "width": "mapData(count, 1, 10, 2, 6)", "opacity": 0.9
      } },
      { selector: "edge[kind = 'co-participation']", style: { "opacity": 0.35, "width": "mapData(count, 1, 10, 1, 5)" } }
    ];
  }

  function draw(box, data) {
    if (!data.nodes.length) { return; }
    var maxWeight = Math.max(2, Math.max.apply(null, data.nodes.map(function (n) { return n.weight; })));
    var cy = cytoscape({
      container: box,
      elements: elements(data),
      style: style(maxWeight),
      layout: { name: "cose", animate: false, padding: 24, nodeDimensionsIncludeLabels: true,
                idealEdgeLength: function () { return 90; }, nodeRepulsion: function () { return 900000; } },
      minZoom: 0.2,
      maxZoom: 4
    });
    cy.on("tap", "node", function (event) {
      window.location.href = entityUrl(event.target.id());
    });
    cy.on("mouseover", "node", function (event) {
      box.title = event.target.data("name");
      box.classList.add("pointing");
    });
    cy.on("mouseout", "node", function () {
      box.title = "";
      box.classList.remove("pointing");
    });
    window.pressgraphNetwork = cy;  // for the browser tests and the curious
    box.setAttribute("data-ready", "true");
  }

  function start() {
    var box = document.getElementById("graph");
    var twin = document.querySelector('link[rel="alternate"][type="application/json"]');
    if (!box || !twin || typeof window.cytoscape !== "function") { return; }
    fetch(twin.getAttribute("href"), { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (data) { draw(box, data); })
      .catch(function (error) {
        box.textContent = "The graph could not be drawn (" + error.message + "); the links are listed below.";
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

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

  // Labels sized by how connected a node is; below `min-zoomed-font-size` on screen a label
  // is not drawn, so at the whole graph's zoom only the busiest nodes are named and zooming
  // in names the rest (never a wall of 6 px text).
  function style(maxWeight) {
    return [
      { selector: "node", style: {
        "background-color": NODE_COLOURS.organization,
        "label": "data(label)", "color": "#1b1b1b",
        "font-size": "mapData(weight, 1, " + maxWeight + ", 10, 30)",
        "min-zoomed-font-size": 9,
        "text-valign": "bottom", "text-halign": "center", "text-margin-y": 4,
        "text-outline-color": "#fff", "text-outline-width": 2,
        "width": "mapData(weight, 1, " + maxWeight + ", 14, 60)",
        "height": "mapData(weight, 1, " + maxWeight + ", 14, 60)"
      } },
      { selector: "node[kind = 'person']", style: { "background-color": NODE_COLOURS.person } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#c24e00" } },
      { selector: "edge", style: {
        "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "data(directed)", "curve-style": "bezier",
        "width": "mapData(count, 1, 10, 2, 6)", "opacity": 0.9
      } },
      { selector: "edge[kind = 'co-participation']", style: { "opacity": 0.35, "width": "mapData(count, 1, 10, 1, 5)" } },
      { selector: ".faded", style: { "opacity": 0.08, "text-opacity": 0 } },
      { selector: "node.found", style: { "border-width": 4, "border-color": "#c24e00", "min-zoomed-font-size": 0, "font-weight": "bold", "z-index": 10 } },
      { selector: ".hidden", style: { "display": "none" } }
    ];
  }

  // The layout is computed once per graph (its nodes and links) and kept in the browser's
  // storage: the same range opens with the same picture, at once.
  function layoutKey(data) {
    var ids = data.nodes.map(function (n) { return n.id; }).join("|");
    var links = data.edges.map(function (e) { return e.source + ">" + e.target + ":" + e.kind; }).join("|");
    var text = ids + "#" + links;
    var hash = 0;
    for (var i = 0; i < text.length; i += 1) { hash = ((hash << 5) - hash + text.charCodeAt(i)) | 0; }
    return "pressgraph-layout-" + data.nodes.length + "-" + hash;
  }

  function savedPositions(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function keepPositions(cy, key) {
    var positions = {};
    cy.nodes().forEach(function (n) { positions[n.id()] = n.position(); });
    try { window.localStorage.setItem(key, JSON.stringify(positions)); } catch (e) { /* full */ }
  }

  function filter(cy) {
    var kinds = {};
    document.querySelectorAll("input[name=edge-kind]").forEach(function (box) { kinds[box.value] = box.checked; });
    var least = parseInt((document.getElementById("min-weight") || {}).value || "1", 10) || 1;
    cy.batch(function () {
      cy.edges().forEach(function (e) {
        var shown = kinds[e.data("kind")] !== false && e.data("count") >= least;
        e.toggleClass("hidden", !shown);
      });
      cy.nodes().forEach(function (n) {
        n.toggleClass("hidden", n.connectedEdges().not(".hidden").length === 0 && n.degree() > 0);
      });
    });
    var status = document.getElementById("network-status");
    if (status) {
      status.textContent = cy.edges().not(".hidden").length + " of " + cy.edges().length + " links shown.";
    }
  }

  function find(cy, name) {
    cy.elements().removeClass("faded found");
    var wanted = (name || "").trim().toLowerCase();
    var status = document.getElementById("network-status");
    if (!wanted) { if (status) { status.textContent = ""; } return; }
    var hits = cy.nodes().filter(function (n) {
      return n.data("label").toLowerCase().indexOf(wanted) >= 0 || n.data("name").toLowerCase().indexOf(wanted) >= 0;
    });
    if (!hits.length) {
      if (status) { status.textContent = "No node named “" + name + "” in this graph."; }
      return;
    }
    var near = hits.closedNeighborhood();
    cy.elements().not(near).addClass("faded");
    hits.addClass("found");
    cy.animate({ fit: { eles: near, padding: 40 } }, { duration: 300 });
    if (status) { status.textContent = hits.length + " found: " + hits.map(function (n) { return n.data("name"); }).join(", ") + "."; }
  }

  function controls(cy) {
    var form = document.getElementById("network-controls");
    if (!form) { return; }
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      find(cy, document.getElementById("find-node").value);
    });
    form.querySelectorAll("input[name=edge-kind], #min-weight").forEach(function (input) {
      input.addEventListener("change", function () { filter(cy); });
    });
  }

  function draw(box, data) {
    if (!data.nodes.length) { return; }
    var maxWeight = Math.max(2, Math.max.apply(null, data.nodes.map(function (n) { return n.weight; })));
    var key = layoutKey(data);
    var saved = savedPositions(key);
    var layout = saved
      ? { name: "preset", positions: function (n) { return saved[n.id()]; }, fit: true, padding: 24 }
      : { name: "cose", animate: false, padding: 24, nodeDimensionsIncludeLabels: true,
          idealEdgeLength: function () { return 90; }, nodeRepulsion: function () { return 900000; } };
    var cy = cytoscape({
      container: box,
      elements: elements(data),
      style: style(maxWeight),
      layout: layout,
      minZoom: 0.1,
      maxZoom: 5
    });
    if (!saved) { keepPositions(cy, key); }
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
    controls(cy);
    window.pressgraphNetwork = cy;  // for the browser tests and the curious
    box.setAttribute("data-layout", saved ? "cached" : "computed");
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

/* The story page: a link to `#at-START-END` (a fact's evidence) highlights those characters
   of the story and scrolls them into view. Offsets are into the story's text; each paragraph
   of the page says where it starts (`data-start`), and its text is the story's, marks and all,
   so the characters are found by walking the paragraph's text nodes. */
(function () {
  "use strict";

  var HASH = /^#at-(\d+)-(\d+)$/;

  function clear() {
    document.querySelectorAll("mark.evidence").forEach(function (mark) {
      var parent = mark.parentNode;
      while (mark.firstChild) { parent.insertBefore(mark.firstChild, mark); }
      parent.removeChild(mark);
      parent.normalize();
    });
  }

  function textNodes(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) { nodes.push(walker.currentNode); }
    return nodes;
  }

  // Wrap the characters [start, end) of one paragraph that begins at `base`.
  function wrap(paragraph, base, start, end) {
    var marks = [];
    var at = base;
    textNodes(paragraph).forEach(function (node) {
      var from = Math.max(start, at);
      var to = Math.min(end, at + node.length);
      at += node.length;
      if (from >= to) { return; }
      var offset = from - (at - node.length);
      var piece = node.splitText(offset);
      piece.splitText(to - from);
      var mark = document.createElement("mark");
      mark.className = "evidence";
      piece.parentNode.insertBefore(mark, piece);
      mark.appendChild(piece);
      marks.push(mark);
    });
    return marks;
  }

  function show() {
    clear();
    var found = HASH.exec(window.location.hash);
    var text = document.querySelector(".story-text");
    if (!found || !text) { return; }
    var start = parseInt(found[1], 10);
    var end = parseInt(found[2], 10);
    var marks = [];
    text.querySelectorAll("p[data-start]").forEach(function (paragraph) {
      var base = parseInt(paragraph.getAttribute("data-start"), 10);
      if (base < end && base + paragraph.textContent.length > start) {
        marks = marks.concat(wrap(paragraph, base, start, end));
      }
    });
    var status = document.getElementById("evidence-status");
    if (!marks.length) {
      if (status) { status.textContent = "The highlighted passage is not in this story's text."; }
      return;
    }
    var said = marks.map(function (m) { return m.textContent; }).join("");
    if (status) { status.textContent = "Highlighted: “" + said + "”"; }
    marks[0].setAttribute("tabindex", "-1");
    marks[0].scrollIntoView({ block: "center" });
    marks[0].focus({ preventScroll: true });
    document.body.setAttribute("data-evidence", start + "-" + end);
  }

  window.addEventListener("hashchange", show);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", show);
  } else {
    show();
  }
})();

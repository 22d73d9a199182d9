/* pressgraph: the time lines of an entity's page (web/timeline.py draws them).
   Fits each drawing to the width of the window in pixels and lets the reader choose the dates
   shown: years from and to, zoom in and out, earlier and later, all dates; Ctrl and the wheel
   zoom where the pointer is, and dragging moves along the dates. Without this script the
   drawing shows every date, scaled to the page. */
(function () {
  "use strict";
  var DAY = 86400000;
  var NS = "http://www.w3.org/2000/svg";
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var MIN_DAYS = 7; // the shortest range shown
  var TICK_ROOM = 70; // pixels between date labels

  function dayOf(iso) {
    var p = iso.split("-").map(Number);
    return Math.round(Date.UTC(p[0], (p[1] || 1) - 1, p[2] || 1) / DAY);
  }

  function dateOf(day) {
    return new Date(day * DAY);
  }

  function iso(day) {
    return dateOf(day).toISOString().slice(0, 10);
  }

  /* Dates on the axis between days a and b (absolute), at least TICK_ROOM pixels apart. */
  function ticks(a, b, width) {
    var room = (TICK_ROOM * (b - a)) / width;
    var out = [];
    var first = dateOf(a);
    var last = dateOf(b);
    var y, m, step;
    if (room > 40) {
      step = [1, 2, 5, 10, 20, 50, 100].find(function (s) { return s * 365 >= room; }) || 100;
      for (y = first.getUTCFullYear() + 1; y <= last.getUTCFullYear(); y += 1) {
        if (y % step === 0) out.push([Date.UTC(y, 0, 1) / DAY, String(y)]);
      }
    } else if (room > 2) {
      step = [1, 2, 3, 6].find(function (s) { return s * 30 >= room; }) || 6;
      var lo = first.getUTCFullYear() * 12 + first.getUTCMonth() + 1;
      var hi = last.getUTCFullYear() * 12 + last.getUTCMonth();
      for (m = lo; m <= hi; m += 1) {
        if (m % step === 0) {
          out.push([Date.UTC(Math.floor(m / 12), m % 12, 1) / DAY, MONTHS[m % 12] + " " + Math.floor(m / 12)]);
        }
      }
    } else {
      step = Math.max(1, Math.ceil(room));
      for (var d = Math.ceil(a); d <= b; d += 1) {
        var when = dateOf(d);
        if (d % step === 0) out.push([d, when.getUTCDate() + " " + MONTHS[when.getUTCMonth()]]);
      }
    }
    return out;
  }

  function setUp(figure) {
    var svg = figure.querySelector("svg.tl-svg");
    var scroll = figure.querySelector(".tl-scroll");
    var controls = figure.querySelector(".tl-controls");
    var from = figure.querySelector(".tl-from");
    var to = figure.querySelector(".tl-to");
    var shown = figure.querySelector(".tl-range");
    var axis = svg.querySelector(".tl-ticks");
    var lo = dayOf(figure.dataset.lo);
    var days = Number(figure.dataset.days);
    var pad = Number(figure.dataset.pad);
    var height = Number(svg.dataset.height);
    var marks = Array.prototype.slice.call(svg.querySelectorAll(".tl-mark"));
    var view = { a: 0, b: days };
    var width = 0;

    function x(d) {
      return pad + ((d - view.a) / (view.b - view.a)) * (width - 2 * pad);
    }

    function place(mark) {
      var a = Number(mark.dataset.a);
      var b = Number(mark.dataset.b);
      var out = b < view.a || a > view.b;
      mark.classList.toggle("tl-hidden", out);
      if (out) return;
      var dot = mark.querySelector("circle");
      if (dot) {
        dot.setAttribute("cx", x(a).toFixed(1));
        return;
      }
      var bar = mark.querySelector("rect");
      var left = Math.max(x(a), pad - 6);
      var right = Math.min(x(b + 1), width - pad + 6);
      bar.setAttribute("x", left.toFixed(1));
      bar.setAttribute("width", Math.max(right - left, 6).toFixed(1));
    }

    function drawAxis() {
      while (axis.firstChild) axis.removeChild(axis.firstChild);
      ticks(lo + view.a, lo + view.b, width).forEach(function (t) {
        var at = x(t[0] - lo).toFixed(1);
        var g = document.createElementNS(NS, "g");
        var line = document.createElementNS(NS, "line");
        var text = document.createElementNS(NS, "text");
        g.setAttribute("class", "tl-tick");
        line.setAttribute("x1", at);
        line.setAttribute("x2", at);
        line.setAttribute("y1", "20");
        line.setAttribute("y2", String(height));
        text.setAttribute("x", at);
        text.setAttribute("y", "14");
        text.textContent = t[1];
        g.appendChild(line);
        g.appendChild(text);
        axis.appendChild(g);
      });
    }

    function draw() {
      width = Math.max(200, Math.floor(scroll.clientWidth));
      svg.setAttribute("width", String(width));
      svg.setAttribute("height", String(height));
      svg.setAttribute("viewBox", "0 0 " + width + " " + height);
      marks.forEach(place);
      drawAxis();
      var first = iso(lo + Math.ceil(view.a));
      var last = iso(lo + Math.floor(view.b));
      figure.dataset.from = first;
      figure.dataset.to = last;
      shown.textContent = "Showing " + first + " to " + last;
      from.value = first.slice(0, 4);
      to.value = last.slice(0, 4);
    }

    /* Show days a..b (from the range's start), at least MIN_DAYS, within the range: cut to
       it (a choice of years), or moved into it keeping the length (zoom, move, drag). */
    function show(a, b, keep) {
      var span = Math.min(days, Math.max(MIN_DAYS, b - a));
      if (keep) {
        a = Math.max(0, Math.min(a, days - span));
        b = a + span;
      } else {
        a = Math.max(0, Math.min(a, days - MIN_DAYS));
        b = Math.min(days, Math.max(b, a + MIN_DAYS));
      }
      view = { a: a, b: b };
      draw();
    }

    function zoom(factor, at) {
      var centre = at === undefined ? (view.a + view.b) / 2 : at;
      var span = (view.b - view.a) * factor;
      var share = (centre - view.a) / (view.b - view.a);
      show(centre - span * share, centre - span * share + span, true);
    }

    function years() {
      var a = Number(from.value);
      var b = Number(to.value);
      if (b < a) { var t = a; a = b; b = t; }
      show(Date.UTC(a, 0, 1) / DAY - lo, Date.UTC(b + 1, 0, 1) / DAY - lo);
    }

    function move(share) {
      var span = view.b - view.a;
      show(view.a + span * share, view.b + span * share, true);
    }

    from.addEventListener("change", years);
    to.addEventListener("change", years);
    figure.querySelector(".tl-in").addEventListener("click", function () { zoom(0.5); });
    figure.querySelector(".tl-out-zoom").addEventListener("click", function () { zoom(2); });
    figure.querySelector(".tl-earlier").addEventListener("click", function () { move(-0.5); });
    figure.querySelector(".tl-later").addEventListener("click", function () { move(0.5); });
    figure.querySelector(".tl-all").addEventListener("click", function () { show(0, days); });

    function dayAt(clientX) {
      var box = svg.getBoundingClientRect();
      return view.a + ((clientX - box.left - pad) / (width - 2 * pad)) * (view.b - view.a);
    }

    svg.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) return; // a plain wheel scrolls the page
      event.preventDefault();
      zoom(event.deltaY > 0 ? 1.25 : 0.8, dayAt(event.clientX));
    }, { passive: false });

    var drag = null;
    svg.addEventListener("pointerdown", function (event) {
      if (event.button !== 0 || event.target.closest("a")) return;
      drag = { x: event.clientX, a: view.a, b: view.b };
      svg.setPointerCapture(event.pointerId);
      svg.classList.add("tl-dragging");
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag) return;
      var shift = ((drag.x - event.clientX) / (width - 2 * pad)) * (drag.b - drag.a);
      show(drag.a + shift, drag.b + shift, true);
    });
    function stop() {
      drag = null;
      svg.classList.remove("tl-dragging");
    }
    svg.addEventListener("pointerup", stop);
    svg.addEventListener("pointercancel", stop);

    controls.hidden = false;
    figure.classList.add("tl-live");
    window.addEventListener("resize", draw);
    draw();
  }

  document.querySelectorAll("figure.tl").forEach(setUp);
})();

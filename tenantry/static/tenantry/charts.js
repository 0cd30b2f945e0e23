/*
 * Charts: each <figure data-tenantry-chart> holds a static SVG (drawn on the server), its
 * figures as a table and its Vega-Lite spec. Where JavaScript runs, this script loads vega,
 * vega-lite and vega-embed (only on pages that have a chart) and swaps the static SVG for the
 * same chart drawn in the browser, with tooltips. If anything fails, the static SVG stays.
 *
 * The tables are open in the HTML, so that they are seen without JavaScript and always
 * print; here they are closed on screen and opened again while the page prints.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var figures = Array.prototype.slice.call(document.querySelectorAll("[data-tenantry-chart]"));
  if (!figures.length || !script || !window.Promise || !window.tenantryLoadScript) return;

  var tables = figures
    .map(function (figure) { return figure.querySelector("[data-tenantry-chart-table]"); })
    .filter(Boolean);
  var openBeforePrinting = [];
  tables.forEach(function (details) { details.open = false; });
  window.addEventListener("beforeprint", function () {
    openBeforePrinting = tables.map(function (details) { return details.open; });
    tables.forEach(function (details) { details.open = true; });
  });
  window.addEventListener("afterprint", function () {
    tables.forEach(function (details, i) { details.open = openBeforePrinting[i]; });
  });

  var load = window.tenantryLoadScript;  // load-script.js, loaded just before this

  function enhance(figure) {
    var picture = figure.querySelector(".tenantry-chart__picture");
    var json = figure.querySelector("script[type='application/json']");
    var original = picture && picture.querySelector("svg");
    if (!json || !original) return Promise.resolve();
    var spec = JSON.parse(json.textContent);
    var holder = document.createElement("div");
    holder.style.display = "block";
    return window.vegaEmbed(holder, spec, { renderer: "svg", actions: false, ast: true }).then(function () {
      var svg = holder.querySelector("svg");
      if (!svg) return;
      // Scale with the page like the static SVG, and keep its accessible name.
      if (!svg.getAttribute("viewBox")) {
        svg.setAttribute("viewBox", "0 0 " + svg.getAttribute("width") + " " + svg.getAttribute("height"));
      }
      svg.setAttribute("width", "100%");
      svg.removeAttribute("height");
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", original.getAttribute("aria-label") || "");
      svg.removeAttribute("aria-roledescription");
      // Vega names its groups with ARIA roles of their own; inside an image they only confuse.
      Array.prototype.forEach.call(svg.querySelectorAll("[role], [aria-roledescription]"), function (element) {
        element.removeAttribute("role");
        element.removeAttribute("aria-roledescription");
      });
      svg.setAttribute("focusable", "false");
      svg.classList.add("tenantry-chart__svg");
      picture.replaceChildren(holder);
      figure.setAttribute("data-tenantry-chart-interactive", "");
    });
  }

  load(script.getAttribute("data-vega"))
    .then(function () { return load(script.getAttribute("data-vega-lite")); })
    .then(function () { return load(script.getAttribute("data-vega-embed")); })
    .then(function () {
      return Promise.all(figures.map(function (figure) {
        return enhance(figure).catch(function (error) {
          if (window.console) window.console.warn("Chart left as a picture:", error);
        });
      }));
    })
    .catch(function (error) {
      if (window.console) window.console.warn("Charts left as pictures:", error);
    });
})();

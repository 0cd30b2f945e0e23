/*
 * One way for the site's scripts to load a library only when a page needs it (charts.js the
 * chart libraries, long-selects.js the search for long selects). Loaded before them.
 */
(function () {
  "use strict";
  window.tenantryLoadScript = function (src) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement("script");
      element.src = src;
      element.onload = resolve;
      element.onerror = function () { reject(new Error("Could not load " + src)); };
      document.head.appendChild(element);
    });
  };
})();

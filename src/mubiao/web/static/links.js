// Links built by scripts (chart points, the record panel) work on the dashboard and on the static site
// written by `mubiao publish`, where /verdicts/7 is the file verdicts/7/index.html relative to the page.
(function () {
  "use strict";
  var isStatic = document.documentElement.getAttribute("data-static") === "1";
  var brand = document.querySelector("a.brand");
  var root = brand ? brand.getAttribute("href").replace(/index\.html$/, "") : "/";
  window.mubiaoLink = function (path, hash) {
    var link = isStatic ? root + path.replace(/^\//, "").split("/").map(encodeURIComponent).join("/") + "/index.html" : path;
    return link + (hash ? "#" + hash : "");
  };
})();

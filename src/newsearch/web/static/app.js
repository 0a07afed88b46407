// newsearch serve: small enhancements only; every page works without this file.
(function () {
  "use strict";
  // Changing the sort order re-runs the search at once (without JS, the Search button does it).
  document.querySelectorAll("form.search select[name=sort], form.compare select[name=granularity]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // "/" focuses the search box, as on many search sites.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) return;
    var box = document.querySelector("form input[type=search]");
    if (box) { event.preventDefault(); box.focus(); box.select(); }
  });
  // Empty compare boxes are left out of the URL, so shared links stay short.
  document.querySelectorAll("form.compare").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input[name=q]").forEach(function (input) {
        if (!input.value.trim()) input.disabled = true;
      });
    });
  });
})();

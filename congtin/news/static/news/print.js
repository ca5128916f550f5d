// The print view's "In bài này" button (a static file: no inline handlers, for the coming CSP).
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();

// Article tools: font size (A- A A+, remembered in this browser) and "copy link".
// The size is the <html> element's data-font-scale, which congtin/preferences.js sets before the
// first paint on every page; portal.css turns it into the text's --font-scale.
(function () {
  "use strict";
  var KEY = "congtin.fontScale";
  var STEP_COUNT = 5; // 0.875, 1, 1.125, 1.25, 1.5 (portal.css)
  var DEFAULT = 1;

  function storedIndex() {
    try {
      var value = parseInt(window.localStorage.getItem(KEY), 10);
      return isNaN(value) ? DEFAULT : Math.min(Math.max(value, 0), STEP_COUNT - 1);
    } catch (error) {
      return DEFAULT;
    }
  }

  function apply(index) {
    document.documentElement.setAttribute("data-font-scale", String(index));
    try { window.localStorage.setItem(KEY, String(index)); } catch (error) { /* private mode */ }
  }

  var index = storedIndex();
  document.querySelectorAll("[data-font-step]").forEach(function (button) {
    button.addEventListener("click", function () {
      var step = parseInt(button.getAttribute("data-font-step"), 10);
      index = step === 0 ? DEFAULT : Math.min(Math.max(index + step, 0), STEP_COUNT - 1);
      apply(index);
    });
  });

  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-copy-link");
      var done = function () { button.textContent = "Đã sao chép"; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(done, function () { window.prompt("Sao chép liên kết:", url); });
      } else {
        window.prompt("Sao chép liên kết:", url);
      }
    });
  });
})();

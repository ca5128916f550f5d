// Article tools: font size (A- A A+, remembered in this browser) and "copy link".
(function () {
  "use strict";
  var KEY = "congtin.fontScale";
  var STEPS = [0.875, 1, 1.125, 1.25, 1.5];
  var target = document.querySelector("[data-font-scale-target]");

  function storedIndex() {
    try {
      var value = parseInt(window.localStorage.getItem(KEY), 10);
      return isNaN(value) ? 1 : Math.min(Math.max(value, 0), STEPS.length - 1);
    } catch (error) {
      return 1;
    }
  }

  function apply(index) {
    if (target) target.style.setProperty("--font-scale", String(STEPS[index]));
    try { window.localStorage.setItem(KEY, String(index)); } catch (error) { /* private mode */ }
  }

  var index = storedIndex();
  apply(index);
  document.querySelectorAll("[data-font-step]").forEach(function (button) {
    button.addEventListener("click", function () {
      var step = parseInt(button.getAttribute("data-font-step"), 10);
      index = step === 0 ? 1 : Math.min(Math.max(index + step, 0), STEPS.length - 1);
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

// The reader's display preferences, kept in this browser (localStorage) because public pages are
// cached for everyone: loaded in <head> without "defer", so high contrast and the font size are
// applied before the first paint, then the "Tương phản cao" switch is wired once the page is read.
(function () {
  "use strict";
  var root = document.documentElement;
  var CONTRAST_KEY = "congtin.contrast";
  var FONT_KEY = "congtin.fontScale"; // an index into news/article.js's steps

  function read(key) {
    try { return window.localStorage.getItem(key); } catch (error) { return null; }
  }

  function write(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
    } catch (error) { /* private mode: the choice lasts for this page only */ }
  }

  function setContrast(high) {
    if (high) root.setAttribute("data-contrast", "high");
    else root.removeAttribute("data-contrast");
  }

  root.classList.add("js"); // controls that need this script are shown (portal.css)
  setContrast(read(CONTRAST_KEY) === "high");
  var fontScale = read(FONT_KEY);
  if (fontScale !== null && /^[0-9]$/.test(fontScale)) root.setAttribute("data-font-scale", fontScale);

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-contrast-switch]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(root.hasAttribute("data-contrast")));
      button.addEventListener("click", function () {
        var high = !root.hasAttribute("data-contrast");
        setContrast(high);
        write(CONTRAST_KEY, high ? "high" : null);
        button.setAttribute("aria-pressed", String(high));
      });
    });
  });
})();

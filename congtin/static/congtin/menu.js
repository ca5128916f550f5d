// The main menu on a phone: folded behind the "Trình đơn" button (portal.css shows the button only
// on narrow screens, and only with this script, so without it the menu is simply always open).
(function () {
  "use strict";
  document.querySelectorAll(".menu-toggle").forEach(function (button) {
    var nav = button.closest(".main-nav");

    function setOpen(open) {
      nav.classList.toggle("is-open", open);
      button.setAttribute("aria-expanded", String(open));
    }

    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  });
})();

// The navigation's groups are <details>: they open and close without JavaScript. Here only one
// stays open at a time, and a click elsewhere or Escape closes it, as a menu would.
(function () {
  "use strict";
  const groups = Array.from(document.querySelectorAll("details[data-nav-group]"));
  if (!groups.length) {
    return;
  }
  groups.forEach(function (group) {
    group.addEventListener("toggle", function () {
      if (group.open) {
        groups.forEach(function (other) {
          if (other !== group) {
            other.open = false;
          }
        });
      }
    });
  });
  document.addEventListener("click", function (event) {
    groups.forEach(function (group) {
      if (group.open && !group.contains(event.target)) {
        group.open = false;
      }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    groups.forEach(function (group) {
      if (group.open) {
        group.open = false;
        group.querySelector("summary").focus();
      }
    });
  });
})();

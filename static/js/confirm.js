// Nothing is destroyed in one click (reintegra/confirm.py). A link marked data-confirm leads,
// without JavaScript, to a confirmation page; here it asks in the page's dialog and posts to
// the same address. A form marked data-confirm asks before it is sent, and is sent confirmed
// (without JavaScript its view answers with the confirmation page). Cancel changes nothing.
(function () {
  "use strict";
  const dialog = document.getElementById("confirm-dialog");
  if (!dialog || typeof dialog.showModal !== "function") {
    return; // no dialog support: the links keep going to their confirmation pages
  }
  const form = dialog.querySelector("form");
  const text = dialog.querySelector("[data-confirm-text]");
  const ok = dialog.querySelector("[data-confirm-ok]");
  const okLabel = ok.textContent;
  let pendingForm = null;

  function ask(message, label) {
    text.textContent = message;
    ok.textContent = label || okLabel;
    dialog.showModal();
    ok.focus();
  }

  document.addEventListener("click", function (event) {
    const link = event.target.closest("a[data-confirm]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    pendingForm = null;
    form.action = link.href;
    ask(link.dataset.confirm, link.dataset.confirmLabel);
  });

  document.addEventListener("submit", function (event) {
    const target = event.target;
    if (target === form || !target.matches("form[data-confirm]")) {
      return;
    }
    event.preventDefault();
    pendingForm = target;
    ask(target.dataset.confirm, target.dataset.confirmLabel);
  });

  form.addEventListener("submit", function (event) {
    if (pendingForm) {
      event.preventDefault();
      const confirmed = pendingForm;
      pendingForm = null;
      dialog.close();
      if (!confirmed.querySelector("input[name=confirmed]")) {
        const flag = document.createElement("input");
        flag.type = "hidden";
        flag.name = "confirmed";
        flag.value = "1";
        confirmed.appendChild(flag);
      }
      confirmed.submit();
    }
  });

  dialog.querySelector("[data-confirm-cancel]").addEventListener("click", function () {
    pendingForm = null;
    dialog.close();
  });
})();

/* « Copier le lien » under an article: the button exists only when this script runs and
   the browser can write to the clipboard; otherwise the address stays in its field. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.querySelectorAll("[data-share]").forEach(function (share) {
    var button = share.querySelector("[data-share-copy]");
    var address = share.querySelector("[data-share-address]");
    var status = share.querySelector("[data-share-status]");
    if (!button || !status) {
      return;
    }
    var item = button.closest("[hidden]");
    if (item) {
      item.hidden = false;
    }
    if (address) {
      address.hidden = true;
    }
    button.addEventListener("click", function () {
      // Emptied first, so that a second copy is announced again.
      status.textContent = "";
      navigator.clipboard.writeText(button.dataset.shareCopy).then(
        function () {
          status.textContent = button.dataset.shareCopied;
        },
        function () {
          status.textContent = button.dataset.shareFailed;
          if (address) {
            address.hidden = false;
            address.querySelector("input").select();
          }
        }
      );
    });
  });
})();

// Ethical Commissioning Knowledge Base: copy buttons and the access date of the "Cite this" panel.
// Without JavaScript the citation and link stay on the page as selectable text.
(function () {
  "use strict";

  function today() {
    return new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // file:// and older browsers: copy through a hidden text area.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "absolute";
      area.style.left = "-9999px";
      document.body.appendChild(area);
      area.select();
      var copied = document.execCommand("copy");
      document.body.removeChild(area);
      copied ? resolve() : reject(new Error("copy refused"));
    });
  }

  function setUp(panel) {
    panel.querySelectorAll("[data-kb-today]").forEach(function (slot) {
      slot.textContent = today();
    });
    var status = panel.querySelector("[role=status]");
    panel.querySelectorAll("button[data-kb-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-kb-copy"));
        var what = button.textContent.replace(/^Copy /, "");
        var text = source.closest(".kb-cite__text") ? source.closest(".kb-cite__text").textContent : source.textContent;
        copyText(text.trim()).then(
          function () { status.textContent = "Copied the " + what + " to the clipboard."; },
          function () { status.textContent = "Could not copy: select the " + what + " and copy it yourself."; }
        );
      });
    });
  }

  // Material's search dialog has no accessible name (Zensical's has one). Named here, not in a copy
  // of the theme's search partial, so every engine keeps its own search markup; without JavaScript
  // there is no search dialog to name.
  function nameSearchDialog() {
    document.querySelectorAll('[data-md-component="search"][role="dialog"]:not([aria-label])').forEach(function (dialog) {
      dialog.setAttribute("aria-label", "Search");
    });
  }

  // With one colour scheme there is nothing to choose, yet Zensical still writes the scheme's radio
  // button into the header: hidden from screen readers (aria-hidden) but reachable by Tab, which
  // axe rightly reports. Material writes none. Take a lone one out of the tab order.
  function unfocusLonePalette() {
    var options = document.querySelectorAll('input.md-option[name="__palette"]');
    if (options.length === 1 && options[0].getAttribute("aria-hidden") === "true") {
      options[0].setAttribute("tabindex", "-1");
    }
  }

  function init() {
    nameSearchDialog();
    unfocusLonePalette();
    document.querySelectorAll("[data-kb-cite]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

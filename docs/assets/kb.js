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

  // The reader's own date, as reference managers read it (2026-12-01).
  function isoToday() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  // The static .bib and .ris files carry no access date (it would be the build day's): the copy
  // the reader downloads from the page gets today's. Where the file cannot be read (file://),
  // the link downloads the static file as it stands.
  function withAccessDate(text, kind) {
    if (kind === "bib") {
      return text.replace(/\n\}\s*$/, ",\n  urldate = {" + isoToday() + "}\n}\n");
    }
    return text.replace(/ER {2}- /, "Y2  - " + isoToday().replace(/-/g, "/") + "\r\nER  - ");
  }

  function downloadWithAccessDate(link) {
    link.addEventListener("click", function (event) {
      if (!window.fetch || !window.Blob || !window.URL || !URL.createObjectURL) return;
      event.preventDefault();
      var kind = link.getAttribute("data-kb-cite-file");
      fetch(link.href)
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(function (text) {
          var type = kind === "bib" ? "application/x-bibtex" : "application/x-research-info-systems";
          var blob = new Blob([withAccessDate(text, kind)], { type: type + ";charset=utf-8" });
          var save = document.createElement("a");
          save.href = URL.createObjectURL(blob);
          save.download = link.pathname.split("/").pop();
          document.body.appendChild(save);
          save.click();
          document.body.removeChild(save);
          setTimeout(function () { URL.revokeObjectURL(save.href); }, 10000);
        })
        .catch(function () { window.location.href = link.href; });
    });
  }

  function setUp(panel) {
    panel.querySelectorAll("[data-kb-today]").forEach(function (slot) {
      slot.textContent = today();
    });
    panel.querySelectorAll("a[data-kb-cite-file]").forEach(downloadWithAccessDate);
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

  // Two fixes to Material's search markup, made here and not in a copy of its search partial, so
  // every engine keeps its own search (a copied partial broke Zensical's); without JavaScript there
  // is no search to fix. Its dialog gets an accessible name (Zensical's has one), and its results
  // box stops being a tab stop of its own (Material has tabindex="0"), so tabbing on from an empty
  // search box does not land on an invisible, empty box while the page stays greyed; the results
  // are links, reached by Tab, and the box scrolls to them.
  function fixSearchMarkup() {
    document.querySelectorAll('[data-md-component="search"][role="dialog"]:not([aria-label])').forEach(function (dialog) {
      dialog.setAttribute("aria-label", "Search");
    });
    document.querySelectorAll('.md-search__scrollwrap[tabindex="0"]').forEach(function (box) {
      box.setAttribute("tabindex", "-1");
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

  // The 404 page's search button: focusing Material's search box opens its search; Zensical's
  // opens from its header button.
  function openSearchButtons() {
    document.querySelectorAll("button[data-kb-open-search]").forEach(function (button) {
      var box = document.querySelector("input.md-search__input");
      var toggle = document.getElementById("__search");
      var headerButton = document.querySelector("button.md-search__button");
      if (!box && !headerButton) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        if (!box) return headerButton.click();
        if (toggle && !toggle.checked) toggle.click();
        box.focus();
      });
    });
  }

  function init() {
    fixSearchMarkup();
    unfocusLonePalette();
    document.querySelectorAll("[data-kb-cite]").forEach(setUp);
    openSearchButtons();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

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

  // The 404 page's search button: focusing Material's search box opens its search.
  function openSearchButtons() {
    document.querySelectorAll("button[data-kb-open-search]").forEach(function (button) {
      var box = document.querySelector("input.md-search__input");
      var toggle = document.getElementById("__search");
      if (!box) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        if (toggle && !toggle.checked) toggle.click();
        box.focus();
      });
    });
  }

  function init() {
    document.querySelectorAll("[data-kb-cite]").forEach(setUp);
    openSearchButtons();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

// Ethical Commissioning Knowledge Base: the evidence pack and "Copy quote with link".
//
// On every record page, templates/_parts.md.j2 prints a hidden "Add to evidence pack" button (under
// "Cite this"; an area's actions and a set's principles have one each in their sections) in a
// holder whose data-kb-pack-item attribute is the record as eckb/pack.py describes it (ID, kind,
// title, one-line summary, the report's words, permanent link, Harvard text, BibTeX and RIS from
// eckb/cite.py). This script shows the button and keeps the pack; /evidence-pack/
// (docs/evidence-pack.md) lists the pack, lets the reader reorder it, and takes it out as a
// reference list (plain and rich text), BibTeX, RIS, a printable evidence brief and a JSON file.
// On record pages, selecting text offers "Copy quote with link": the quotation, its citation and
// the permanent address with a URL text fragment (#<record id>:~:text=...), so the link opens the
// page scrolled to the sentence, highlighted; a browser without text fragments goes to the record.
//
// Privacy: the pack is kept in this browser's localStorage under one key; nothing is sent
// anywhere (no fetch, no beacon, no third-party code). Text is only ever set with textContent,
// never parsed as HTML; the rich text for the clipboard is built from escaped text. Items from the
// store or an imported file are checked field by field; a bad file is refused whole, with a
// message, and the pack is left as it was.
//
// Stored and exported JSON share one shape:
//   {"format": "eckb-evidence-pack", "version": 1, "exported": "<ISO time>" (files only),
//    "grouped": true|false, "items": [{"id", "kind", "kind_label", "title", "summary",
//    "words": [{"text", "attribution"}], "url", "harvard", "bibtex", "ris", "added"}]}
(function () {
  "use strict";

  var KEY = "eckb-evidence-pack";
  var FORMAT = "eckb-evidence-pack";
  var VERSION = 1;
  var MAX_ITEMS = 500;
  var MAX_FILE_BYTES = 4 * 1024 * 1024;
  var KINDS = {
    finding: "Findings",
    "case-study": "Case studies",
    "action-area": "Areas for action",
    action: "Actions",
    "principle-set": "Principle sets",
    principle: "Principles",
    term: "Glossary terms",
    theme: "Themes",
    approach: "Approaches and levers",
    "care-area": "Care areas",
    source: "Sources",
  };
  var KIND_ORDER = Object.keys(KINDS);
  var ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var URL_PATTERN = /^https?:\/\/[^\s<>"'`\\]+$/;

  // ---------------------------------------------------------------- small helpers

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "hidden") node.hidden = !!attributes.hidden;
      else node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function srOnly(text) { return el("span", { "class": "kb-sr" }, text); }

  function plural(count, one, many) { return count + " " + (count === 1 ? one : many); }

  function quoted(text) {
    text = String(text);
    return "“" + (text.length > 60 ? text.slice(0, 59) + "…" : text) + "”";
  }

  function escapeHTML(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function today() {
    return new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  function isoToday() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = el("a", { href: url, download: name, hidden: true });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  // Both flavours where the browser allows it (Word and Google Docs keep the links of the rich
  // text); plain text otherwise.
  function copyRich(plain, html) {
    if (navigator.clipboard && window.isSecureContext && window.ClipboardItem && navigator.clipboard.write) {
      var item = new window.ClipboardItem({
        "text/plain": new Blob([plain], { type: "text/plain" }),
        "text/html": new Blob([html], { type: "text/html" }),
      });
      return navigator.clipboard.write([item]).catch(function () { return copyPlain(plain); });
    }
    return copyPlain(plain);
  }

  function copyPlain(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = el("textarea", { readonly: "", "class": "kb-sr" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var copied = document.execCommand("copy");
      area.remove();
      copied ? resolve() : reject(new Error("copy refused"));
    });
  }

  // ---------------------------------------------------------------- checking items (store and imports)

  function Problem(message) { this.message = message; }

  function checkString(value, what, max, pattern) {
    if (typeof value !== "string" || !value.trim()) throw new Problem(what + " is missing or not text.");
    if (value.length > max) throw new Problem(what + " is longer than " + max + " characters.");
    if (pattern && !pattern.test(value)) throw new Problem(what + " is not in the form this page expects: " + quoted(value) + ".");
    return value;
  }

  var ITEM_FIELDS = ["id", "kind", "kind_label", "title", "summary", "words", "url", "harvard", "bibtex", "ris", "added"];

  function checkItem(value, what) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Problem(what + " is not a JSON object.");
    Object.keys(value).forEach(function (key) {
      if (ITEM_FIELDS.indexOf(key) === -1) throw new Problem(what + " has a field this page does not know: " + quoted(key) + ".");
    });
    var id = checkString(value.id, what + "'s id", 100, ID_PATTERN);
    what = what + " (" + id + ")";
    if (!Object.prototype.hasOwnProperty.call(KINDS, value.kind)) throw new Problem(what + " is of a kind this page does not know: " + quoted(value.kind) + ".");
    if (!Array.isArray(value.words) || value.words.length > 50) throw new Problem(what + ": “words” is not a list of quotations.");
    var words = value.words.map(function (quote, index) {
      if (quote === null || typeof quote !== "object" || Array.isArray(quote)) throw new Problem(what + ", quotation " + (index + 1) + " is not a JSON object.");
      return {
        text: checkString(quote.text, what + ", quotation " + (index + 1), 6000),
        attribution: checkString(quote.attribution, what + ", quotation " + (index + 1) + "'s attribution", 300),
      };
    });
    var bibtex = checkString(value.bibtex, what + "'s BibTeX", 6000);
    if (!/^@misc\{[A-Za-z0-9_-]+,\n[\s\S]*\}\s*$/.test(bibtex)) throw new Problem(what + "'s BibTeX is not a BibTeX entry.");
    var ris = checkString(value.ris, what + "'s RIS", 6000);
    if (!/^TY  - /.test(ris) || !/ER  - \s*$/.test(ris)) throw new Problem(what + "'s RIS is not an RIS record.");
    var added = value.added === undefined ? null : value.added;
    if (added !== null && (typeof added !== "string" || added.length > 40 || isNaN(Date.parse(added)))) throw new Problem(what + "'s “added” is not a date and time.");
    return {
      id: id,
      kind: value.kind,
      kind_label: checkString(value.kind_label, what + "'s kind label", 100),
      title: checkString(value.title, what + "'s title", 400),
      summary: checkString(value.summary, what + "'s summary", 1000),
      words: words,
      url: checkString(value.url, what + "'s permanent link", 1000, URL_PATTERN),
      harvard: checkString(value.harvard, what + "'s citation", 2000),
      bibtex: bibtex,
      ris: ris,
      added: added || new Date().toISOString(),
    };
  }

  function checkPack(data, what) {
    if (data === null || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT) {
      throw new Problem(what + " is not an evidence pack from this site (it has no \"format\": \"" + FORMAT + "\").");
    }
    if (data.version !== VERSION) throw new Problem(what + " is an evidence pack of version " + quoted(data.version) + "; this page reads version " + VERSION + ".");
    if (!Array.isArray(data.items)) throw new Problem(what + ": “items” is not a list.");
    if (data.items.length > MAX_ITEMS) throw new Problem(what + " has " + data.items.length + " items; a pack holds at most " + MAX_ITEMS + ".");
    var seen = {};
    var items = data.items.map(function (value, index) {
      var item = checkItem(value, "Item " + (index + 1));
      if (seen[item.id]) throw new Problem("Item " + (index + 1) + " repeats " + quoted(item.id) + ".");
      seen[item.id] = true;
      return item;
    });
    return { items: items, grouped: data.grouped === true };
  }

  // ---------------------------------------------------------------- the store

  var storage = null;
  try {
    window.localStorage.setItem(KEY + ".probe", "1");
    window.localStorage.removeItem(KEY + ".probe");
    storage = window.localStorage;
  } catch (error) {
    storage = null;
  }

  var memory = { items: [], grouped: false }; // where the pack lives when the browser refuses storage

  function load() {
    if (!storage) return memory;
    var raw = null;
    try { raw = storage.getItem(KEY); } catch (error) { raw = null; }
    if (!raw) return { items: [], grouped: false };
    try {
      return checkPack(JSON.parse(raw), "The stored pack");
    } catch (error) {
      // Never throw away what someone gathered: keep the unreadable text aside, start afresh.
      try { storage.setItem(KEY + ".unreadable", raw); } catch (ignored) { /* nothing more to do */ }
      return { items: [], grouped: false };
    }
  }

  function save(pack) {
    memory = pack;
    if (!storage) return false;
    try {
      storage.setItem(KEY, JSON.stringify({ format: FORMAT, version: VERSION, grouped: pack.grouped, items: pack.items }));
      return true;
    } catch (error) {
      return false;
    }
  }

  function indexOf(pack, id) {
    for (var i = 0; i < pack.items.length; i += 1) if (pack.items[i].id === id) return i;
    return -1;
  }

  // ---------------------------------------------------------------- what the pack gives out

  function reference(item, accessed) {
    return item.harvard + " (Accessed: " + accessed + ").";
  }

  function referenceHTML(item, accessed) {
    var text = item.harvard;
    var link = "<a href=\"" + escapeHTML(item.url) + "\">" + escapeHTML(item.url) + "</a>";
    var at = text.lastIndexOf(item.url);
    var body = at >= 0 && at + item.url.length === text.length ? escapeHTML(text.slice(0, at)) + link : escapeHTML(text) + " " + link;
    return body + " (Accessed: " + escapeHTML(accessed) + ").";
  }

  function bibtex(item, accessedISO) {
    var entry = item.bibtex.replace(/\s+$/, "");
    if (/\n\s*urldate = \{[^}]*\}/.test(entry)) entry = entry.replace(/(\n\s*urldate = \{)[^}]*(\})/, "$1" + accessedISO + "$2");
    else entry = entry.replace(/\n\}$/, ",\n  urldate = {" + accessedISO + "}\n}");
    return entry + "\n";
  }

  function ris(item, accessedISO) {
    var record = item.ris.replace(/\s+$/, "").replace(/\r?\n/g, "\r\n");
    var access = "Y2  - " + accessedISO.replace(/-/g, "/") + "\r\n";
    return record.replace(/(\r\n)?ER  -$/, "\r\n" + access + "ER  - ") + "\r\n";
  }

  // ---------------------------------------------------------------- the header link's count

  function showCount(pack) {
    document.querySelectorAll("[data-kb-pack-count]").forEach(function (slot) {
      slot.textContent = "(" + pack.items.length + ")";
      slot.hidden = pack.items.length === 0;
    });
  }

  function packAddress() {
    var link = document.querySelector("a[data-kb-pack-link]");
    return link ? link.href : null;
  }

  // ---------------------------------------------------------------- a record page's button

  function readItem(holder) {
    try {
      return checkItem(JSON.parse(holder.getAttribute("data-kb-pack-item")), "This page's record");
    } catch (error) {
      return null;
    }
  }

  // `named`: the button also names its record to screen readers, where a page has several (an
  // area's actions, a set's principles) and "Add to evidence pack" alone would be ambiguous.
  function setUpToggle(holder, item, named) {
    var button = holder.querySelector("button");
    var status = holder.querySelector("[role=status]");
    if (!button) return;
    var label = el("span", { "class": "kb-pack-toggle__label" }, button.textContent);
    button.textContent = "";
    button.appendChild(label);
    if (named) button.appendChild(srOnly(": " + item.title));

    function show(pack) {
      var inPack = indexOf(pack, item.id) >= 0;
      label.textContent = inPack ? "Remove from evidence pack" : "Add to evidence pack";
      button.classList.toggle("md-button--primary", !inPack);
      holder.classList.toggle("kb-pack-toggle--in", inPack);
    }

    var pack = load();
    var at = indexOf(pack, item.id);
    if (at >= 0) {
      // The stored copy may be from an older release: this page's record is the current one.
      item.added = pack.items[at].added;
      pack.items[at] = item;
      save(pack);
    }
    show(pack);
    button.hidden = false;

    button.addEventListener("click", function () {
      var pack = load();
      var at = indexOf(pack, item.id);
      var message;
      if (at >= 0) {
        pack.items.splice(at, 1);
        message = "Removed from your evidence pack. It has " + plural(pack.items.length, "item", "items") + ".";
      } else {
        if (pack.items.length >= MAX_ITEMS) {
          status.textContent = "Your evidence pack is full (" + MAX_ITEMS + " items): remove some first.";
          return;
        }
        item.added = new Date().toISOString();
        pack.items.push(item);
        message = "Added to your evidence pack. It has " + plural(pack.items.length, "item", "items") + ".";
      }
      var saved = save(pack);
      if (!saved) message += " This browser is not letting the page save it, so it will be lost when you leave.";
      show(pack);
      showCount(pack);
      status.textContent = message;
    });

    window.addEventListener("storage", function (event) {
      if (event.key === KEY) show(load());
    });
  }

  // ---------------------------------------------------------------- copy quote with link

  // A URL text fragment term: percent-encoded, with "-", "," and "&" encoded too (they are syntax).
  function fragmentTerm(text) {
    return encodeURIComponent(text).replace(/-/g, "%2D").replace(/,/g, "%2C").replace(/&/g, "%26");
  }

  function words(text) { return text.split(/\s+/).filter(Boolean); }

  // The text directive for a selection: the whole text when it is short and in one block, else
  // its first and last few words (a text fragment matches whole words only, so the selection has
  // already been widened to whole words).
  function textDirective(selected, prefixFor) {
    var blocks = selected.split(/\n+/).map(function (b) { return b.replace(/\s+/g, " ").trim(); }).filter(Boolean);
    if (!blocks.length) return null;
    var first = words(blocks[0]);
    var last = words(blocks[blocks.length - 1]);
    var whole = blocks.length === 1 && first.length <= 10;
    var start = whole ? blocks[0] : first.slice(0, Math.min(5, first.length)).join(" ");
    var end = whole ? "" : last.slice(Math.max(0, last.length - 5)).join(" ");
    var prefix = prefixFor(start);
    return "text=" + (prefix ? fragmentTerm(prefix) + "-," : "") + fragmentTerm(start) + (end ? "," + fragmentTerm(end) : "");
  }

  var WORD_CHAR = /[\p{L}\p{N}'’-]/u;

  // Widen a range's ends that fall inside a word to the whole word.
  function toWholeWords(range) {
    var startNode = range.startContainer;
    if (startNode.nodeType === Node.TEXT_NODE) {
      var s = range.startOffset;
      while (s > 0 && WORD_CHAR.test(startNode.data.charAt(s - 1)) && WORD_CHAR.test(startNode.data.charAt(s))) s -= 1;
      range.setStart(startNode, s);
    }
    var endNode = range.endContainer;
    if (endNode.nodeType === Node.TEXT_NODE) {
      var e = range.endOffset;
      while (e < endNode.data.length && WORD_CHAR.test(endNode.data.charAt(e)) && WORD_CHAR.test(endNode.data.charAt(e - 1))) e += 1;
      range.setEnd(endNode, e);
    }
    return range;
  }

  function closestElement(node) { return node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement; }

  var OFF_LIMITS = ".kb-cite, .kb-pack-toggle, .kb-quote, .headerlink, .md-content__button, script, style";

  // The record whose words these are: an action or principle when the selection is in its section
  // (under its heading, whose id is its ID), else the page's own record.
  function recordAt(range, item, parts, article) {
    var owner = item;
    article.querySelectorAll("h2[id], h3[id], h4[id]").forEach(function (heading) {
      if (range.comparePoint(heading, 0) < 0) owner = parts[heading.id] || (heading.tagName === "H2" ? item : owner);
    });
    return owner;
  }

  // Words just before the selection in its block, for a text directive's prefix: only needed, and
  // only used, when the quoted words' start is found more than once on the page.
  function prefixFor(range, start, article) {
    var pageText = article.innerText.replace(/\s+/g, " ");
    if (pageText.split(start).length <= 2) return "";
    var block = closestElement(range.startContainer).closest("p, li, td, th, dd, blockquote, h1, h2, h3, h4, h5, h6") || article;
    var before = document.createRange();
    before.setStart(block, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var prefix = words(before.toString().replace(/\s+/g, " ")).slice(-3).join(" ");
    return prefix && pageText.split(prefix + " " + start).length === 2 ? prefix : "";
  }

  function setUpQuote(item, parts, article) {
    var box = el("div", { "class": "kb-quote", hidden: true, "data-search-exclude": "" });
    var copy = el("button", { type: "button", "class": "md-button md-button--primary kb-quote__button" }, "Copy quote with link");
    box.appendChild(copy);
    var status = el("p", { "class": "kb-sr", role: "status", "aria-live": "polite" });
    document.body.appendChild(status);
    var pending = null;
    var pointerDown = false;

    function hide() {
      box.hidden = true;
      pending = null;
    }

    function place(range) {
      var endBlock = closestElement(range.endContainer).closest("li, td, th, dd, p, h1, h2, h3, h4, h5, h6, blockquote, pre, figure, table, .admonition");
      if (!endBlock || !article.contains(endBlock)) endBlock = closestElement(range.endContainer);
      // Next in the tab order after the selected words; over the page, so nothing moves.
      if (endBlock.matches("li, td, th, dd")) endBlock.appendChild(box);
      else endBlock.insertAdjacentElement("afterend", box);
      box.hidden = false;
      var rects = range.getClientRects();
      var last = rects.length ? rects[rects.length - 1] : range.getBoundingClientRect();
      var parent = box.offsetParent || document.body;
      var origin = parent.getBoundingClientRect();
      box.style.top = Math.round(last.bottom - origin.top + parent.scrollTop + 6) + "px";
      box.style.left = Math.round(Math.max(0, last.left - origin.left + parent.scrollLeft)) + "px";
    }

    function update() {
      var selection = window.getSelection();
      if (!selection || selection.isCollapsed || !selection.rangeCount) {
        if (!box.contains(document.activeElement)) hide();
        return;
      }
      var range = selection.getRangeAt(0);
      var inside = article.contains(range.commonAncestorContainer) && !closestElement(range.startContainer).closest(OFF_LIMITS) && !closestElement(range.endContainer).closest(OFF_LIMITS);
      if (!inside) { hide(); return; }
      var whole = toWholeWords(range.cloneRange());
      var text = whole.toString().replace(/[ \t\u00a0]+/g, " ").trim();
      if (!text) { hide(); return; }
      var directive = textDirective(whole.toString(), function (start) { return prefixFor(whole, start, article); });
      var owner = recordAt(whole, item, parts, article);
      pending = {
        item: owner,
        text: text.replace(/\s*\n\s*/g, " "),
        link: owner.url.replace(/#.*$/, "") + "#" + owner.id + (directive ? ":~:" + directive : ""),
      };
      place(range);
    }

    document.addEventListener("selectionchange", function () {
      if (!pointerDown) update();
    });
    document.addEventListener("pointerdown", function (event) {
      if (!box.contains(event.target)) pointerDown = true;
    });
    document.addEventListener("pointerup", function () {
      if (pointerDown) { pointerDown = false; update(); }
    });
    // Pressing the button must not collapse the selection it quotes.
    copy.addEventListener("mousedown", function (event) { event.preventDefault(); });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { hide(); window.getSelection().removeAllRanges(); }
    });
    copy.addEventListener("click", function () {
      if (!pending) return;
      var accessed = today();
      var plain = "“" + pending.text + "”\n\n" + reference(pending.item, accessed) + "\nLink to this quote: " + pending.link + "\n";
      var html = "<blockquote><p>“" + escapeHTML(pending.text) + "”</p></blockquote>\n<p>" + referenceHTML(pending.item, accessed) +
        "</p>\n<p>Link to this quote: <a href=\"" + escapeHTML(pending.link) + "\">" + escapeHTML(pending.link) + "</a></p>";
      copyRich(plain, html).then(
        function () { status.textContent = "Copied the quote, its citation and a link to this sentence."; },
        function () { status.textContent = "Could not copy: select the text and copy it yourself."; }
      );
      copy.setAttribute("data-kb-link", pending.link);
    });
  }

  // ---------------------------------------------------------------- the pack page

  function setUpPage(root) {
    root.setAttribute("data-kb-ready", "");
    document.documentElement.classList.add("kb-pack-page");
    var ui = {};

    function button(text, name, className) {
      var node = el("button", { type: "button", "class": "md-button" + (className ? " " + className : "") }, text);
      if (name) node.setAttribute("data-kb-pack-action", name);
      return node;
    }

    // Tools
    ui.summary = el("p", { "class": "kb-pack__summary" });
    root.appendChild(ui.summary);

    var out = el("div", { "class": "kb-pack__tools", role: "group", "aria-label": "Take the pack out" });
    ui.copy = button("Copy references", "copy", "md-button--primary");
    ui.bib = button("Download BibTeX", "bibtex");
    ui.ris = button("Download RIS", "ris");
    ui.print = button("Print evidence brief", "print");
    ui.export = button("Export pack (JSON)", "export");
    [ui.copy, ui.bib, ui.ris, ui.print, ui.export].forEach(function (b) { out.appendChild(b); });
    root.appendChild(out);

    var options = el("div", { "class": "kb-pack__options" });
    var groupWrap = el("p", { "class": "kb-pack__group" });
    ui.grouped = el("input", { type: "checkbox", id: "kb-pack-grouped" });
    groupWrap.appendChild(ui.grouped);
    groupWrap.appendChild(el("label", { "for": "kb-pack-grouped" }, " Group by kind (findings, case studies, …)"));
    options.appendChild(groupWrap);
    var importField = el("p", { "class": "kb-pack__import" });
    importField.appendChild(el("label", { "for": "kb-pack-import" }, "Import a pack file (JSON exported from this page); its items are added to yours"));
    ui.importInput = el("input", { type: "file", id: "kb-pack-import", accept: ".json,application/json" });
    importField.appendChild(ui.importInput);
    options.appendChild(importField);
    root.appendChild(options);

    ui.status = el("p", { "class": "kb-pack__status", role: "status", "aria-live": "polite" });
    ui.alert = el("p", { "class": "kb-pack__alert", role: "alert" });
    root.appendChild(ui.status);
    root.appendChild(ui.alert);

    ui.listHeading = el("h2", { id: "kb-pack-items", tabindex: "-1" }, "In your pack");
    root.appendChild(ui.listHeading);
    ui.list = el("div", { "class": "kb-pack__items" });
    root.appendChild(ui.list);

    ui.emptyWrap = el("p", { "class": "kb-pack__empty-all" });
    ui.empty = button("Empty the pack", "empty", "kb-pack__quiet");
    ui.emptyWrap.appendChild(ui.empty);
    root.appendChild(ui.emptyWrap);

    root.appendChild(el("h2", { id: "kb-pack-references" }, "Reference list (Harvard)"));
    root.appendChild(el("p", { "class": "kb-pack__hint" }, "In the order of your pack, with today's date as the date you accessed them. “Copy references” copies them as text with working links."));
    ui.references = el("div", { "class": "kb-pack__references" });
    root.appendChild(ui.references);

    ui.brief = el("section", { "class": "kb-pack__brief", "aria-labelledby": "kb-pack-brief" });
    root.appendChild(ui.brief);

    function say(message) {
      ui.alert.textContent = "";
      ui.status.textContent = message;
    }

    function warn(message) {
      ui.status.textContent = "";
      ui.alert.textContent = message;
    }

    // The order shown: the pack's own, or its items grouped by kind (each group in pack order).
    function groups(pack) {
      if (!pack.grouped) return [{ kind: null, items: pack.items.slice() }];
      return KIND_ORDER.map(function (kind) {
        return { kind: kind, items: pack.items.filter(function (item) { return item.kind === kind; }) };
      }).filter(function (group) { return group.items.length; });
    }

    function shownOrder(pack) {
      return groups(pack).reduce(function (all, group) { return all.concat(group.items); }, []);
    }

    function itemEntry(item, position, count) {
      var li = el("li", { "class": "kb-pack__item", "data-kb-pack-id": item.id });
      var head = el("p", { "class": "kb-pack__item-title" });
      head.appendChild(el("span", { "class": "kb-pack__kind" }, item.kind_label));
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("a", { href: item.url }, item.title));
      li.appendChild(head);
      li.appendChild(el("p", { "class": "kb-pack__item-summary" }, item.summary));
      var actions = el("p", { "class": "kb-pack__item-actions" });
      [["Move up", "up", position === 0], ["Move down", "down", position === count - 1], ["Remove", "remove", false]].forEach(function (spec) {
        var b = el("button", { type: "button", "class": "md-button kb-pack__small", "data-kb-pack-move": spec[1] });
        b.appendChild(document.createTextNode(spec[0]));
        b.appendChild(srOnly(": " + item.title));
        // aria-disabled, not disabled: the button keeps focus after the item reaches the end.
        if (spec[2]) b.setAttribute("aria-disabled", "true");
        actions.appendChild(b);
      });
      li.appendChild(actions);
      return li;
    }

    function renderList(pack) {
      ui.list.textContent = "";
      groups(pack).forEach(function (group) {
        var list = el("ol", { "class": "kb-pack__list" });
        if (group.kind) {
          var id = "kb-pack-group-" + group.kind;
          ui.list.appendChild(el("h3", { id: id }, KINDS[group.kind] + " (" + group.items.length + ")"));
          list.setAttribute("aria-labelledby", id);
        } else {
          list.setAttribute("aria-labelledby", "kb-pack-items");
        }
        group.items.forEach(function (item, index) { list.appendChild(itemEntry(item, index, group.items.length)); });
        ui.list.appendChild(list);
      });
    }

    function renderReferences(pack, accessed) {
      ui.references.textContent = "";
      shownOrder(pack).forEach(function (item) {
        var p = el("p", { "class": "kb-pack__reference" });
        var text = reference(item, accessed);
        var at = text.lastIndexOf(item.url);
        if (at >= 0) {
          p.appendChild(document.createTextNode(text.slice(0, at)));
          p.appendChild(el("a", { href: item.url }, item.url));
          p.appendChild(document.createTextNode(text.slice(at + item.url.length)));
        } else {
          p.textContent = text;
        }
        ui.references.appendChild(p);
      });
    }

    function renderBrief(pack, accessed) {
      ui.brief.textContent = "";
      ui.brief.appendChild(el("h2", { id: "kb-pack-brief" }, "Evidence brief"));
      ui.brief.appendChild(el("p", { "class": "kb-pack__brief-meta" },
        plural(pack.items.length, "item", "items") + " from the Ethical Commissioning Knowledge Base, " + accessed +
        ". Each item's summary is the knowledge base's own; quoted words are the report's."));
      groups(pack).forEach(function (group) {
        if (group.kind) ui.brief.appendChild(el("h3", { "class": "kb-pack__brief-group" }, KINDS[group.kind]));
        group.items.forEach(function (item) {
          var entry = el("article", { "class": "kb-pack__brief-item" });
          entry.appendChild(el(group.kind ? "h4" : "h3", { "class": "kb-pack__brief-title" }, item.title));
          entry.appendChild(el("p", {}, item.summary));
          item.words.forEach(function (quote) {
            var block = el("blockquote", {});
            block.appendChild(el("p", { "class": "kb-pack__words" }, quote.text));
            block.appendChild(el("p", { "class": "kb-pack__attribution" }, "— " + quote.attribution));
            entry.appendChild(block);
          });
          var link = el("p", { "class": "kb-pack__brief-link" }, "Permanent link: ");
          link.appendChild(el("a", { href: item.url }, item.url));
          entry.appendChild(link);
          ui.brief.appendChild(entry);
        });
      });
    }

    function render(focus) {
      var pack = load();
      var accessed = today();
      var count = pack.items.length;
      ui.summary.textContent = count
        ? "Your pack has " + plural(count, "item", "items") + "."
        : "Your pack is empty. Open a finding, case study, area for action, definition or principle set and press “Add to evidence pack”.";
      [ui.copy, ui.bib, ui.ris, ui.print, ui.export, ui.empty].forEach(function (b) { b.disabled = count === 0; });
      ui.grouped.checked = pack.grouped;
      renderList(pack);
      renderReferences(pack, accessed);
      renderBrief(pack, accessed);
      ui.brief.hidden = count === 0;
      showCount(pack);
      if (focus) {
        var target = ui.list.querySelector("[data-kb-pack-id=\"" + focus.id + "\"] [data-kb-pack-move=\"" + focus.action + "\"]");
        (target || ui.listHeading).focus();
      }
    }

    ui.list.addEventListener("click", function (event) {
      var b = event.target.closest("button[data-kb-pack-move]");
      if (!b) return;
      var id = b.closest("[data-kb-pack-id]").getAttribute("data-kb-pack-id");
      var action = b.getAttribute("data-kb-pack-move");
      var pack = load();
      var at = indexOf(pack, id);
      if (at < 0) { render(); return; }
      var item = pack.items[at];
      if (action === "remove") {
        // Focus goes to the next item's Remove button (or the previous one), so the reader can go on.
        var order = shownOrder(pack);
        var shownAt = order.indexOf(item);
        var neighbour = order[shownAt + 1] || order[shownAt - 1];
        pack.items.splice(at, 1);
        save(pack);
        render(neighbour ? { id: neighbour.id, action: "remove" } : { id: "", action: "" });
        say("Removed " + quoted(item.title) + ". " + (pack.items.length ? plural(pack.items.length, "item", "items") + " left." : "Your pack is empty."));
        return;
      }
      if (b.getAttribute("aria-disabled") === "true") {
        say(quoted(item.title) + " is already " + (action === "up" ? "first" : "last") + (pack.grouped ? " of its kind." : "."));
        return;
      }
      // The neighbour it swaps with: the next item shown above or below (of the same kind when grouped).
      var step = action === "up" ? -1 : 1;
      var other = at + step;
      while (other >= 0 && other < pack.items.length && pack.grouped && pack.items[other].kind !== item.kind) other += step;
      if (other < 0 || other >= pack.items.length) return;
      pack.items[at] = pack.items[other];
      pack.items[other] = item;
      save(pack);
      render({ id: id, action: action });
      var shown = groups(pack).filter(function (g) { return g.items.indexOf(item) >= 0; })[0].items;
      say("Moved " + quoted(item.title) + " " + action + ": now " + (shown.indexOf(item) + 1) + " of " + shown.length + ".");
    });

    ui.grouped.addEventListener("change", function () {
      var pack = load();
      pack.grouped = ui.grouped.checked;
      save(pack);
      render();
      say(pack.grouped ? "Grouped by kind." : "Shown in your own order.");
    });

    ui.copy.addEventListener("click", function () {
      var pack = load();
      var accessed = today();
      var order = shownOrder(pack);
      var plain = order.map(function (item) { return reference(item, accessed); }).join("\n") + "\n";
      var html = order.map(function (item) { return "<p>" + referenceHTML(item, accessed) + "</p>"; }).join("\n");
      copyRich(plain, html).then(
        function () { say("Copied " + plural(order.length, "reference", "references") + " to the clipboard, with links: paste them into your paper."); },
        function () { warn("Could not copy: select the reference list below and copy it yourself."); }
      );
    });

    function fileDate() { return isoToday(); }

    ui.bib.addEventListener("click", function () {
      var accessed = isoToday();
      download("evidence-pack-" + fileDate() + ".bib", "application/x-bibtex;charset=utf-8",
        shownOrder(load()).map(function (item) { return bibtex(item, accessed); }).join("\n"));
      say("Downloaded the pack as BibTeX.");
    });

    ui.ris.addEventListener("click", function () {
      var accessed = isoToday();
      download("evidence-pack-" + fileDate() + ".ris", "application/x-research-info-systems;charset=utf-8",
        shownOrder(load()).map(function (item) { return ris(item, accessed); }).join(""));
      say("Downloaded the pack as RIS.");
    });

    ui.print.addEventListener("click", function () { window.print(); });

    ui.export.addEventListener("click", function () {
      var pack = load();
      var data = { format: FORMAT, version: VERSION, exported: new Date().toISOString(), grouped: pack.grouped, items: pack.items };
      download("evidence-pack-" + fileDate() + ".json", "application/json", JSON.stringify(data, null, 2) + "\n");
      say("Exported the pack as a file. Send it to a colleague: they can import it on this page.");
    });

    ui.empty.addEventListener("click", function () {
      var pack = load();
      if (!window.confirm("Remove all " + plural(pack.items.length, "item", "items") + " from your evidence pack? Export it first to keep a copy.")) return;
      pack.items = [];
      save(pack);
      render({ id: "", action: "" });
      say("Your pack is empty.");
    });

    ui.importInput.addEventListener("change", function () {
      var file = ui.importInput.files && ui.importInput.files[0];
      if (!file) return;
      var name = quoted(file.name);
      var refuse = function (message) {
        warn("Could not import " + name + ": " + message + " Your pack is unchanged.");
        ui.importInput.value = "";
      };
      if (file.size > MAX_FILE_BYTES) { refuse("the file is larger than " + (MAX_FILE_BYTES / 1024 / 1024) + " MB."); return; }
      file.text().then(function (text) {
        var incoming;
        try {
          var data;
          try { data = JSON.parse(text); } catch (error) { throw new Problem("the file is not JSON, so it is not an evidence pack."); }
          incoming = checkPack(data, "the file");
        } catch (error) {
          if (error instanceof Problem) { refuse(error.message); return; }
          throw error;
        }
        var pack = load();
        var added = 0;
        incoming.items.forEach(function (item) {
          if (indexOf(pack, item.id) < 0 && pack.items.length < MAX_ITEMS) { pack.items.push(item); added += 1; }
        });
        var already = incoming.items.length - added;
        if (!save(pack) && storage) { refuse("this browser would not save the pack."); return; }
        render();
        ui.importInput.value = "";
        say("Imported " + plural(added, "item", "items") + " from " + name + (already ? "; " + plural(already, "was", "were") + " already in your pack" : "") + ".");
      }, function () { refuse("the browser could not read it."); });
    });

    window.addEventListener("storage", function (event) {
      if (event.key === KEY) render();
    });

    if (!storage) warn("This browser is not letting the page save anything (storage is turned off or full), so the pack will be lost when you leave. Export it to keep it.");
    render();
  }

  // ---------------------------------------------------------------- start

  function init() {
    showCount(load());
    // One holder is the page's own record (data-kb-pack-own, with its citation); any others are
    // its sections (an area's actions, a set's principles).
    var own = null;
    var parts = {};
    document.querySelectorAll("[data-kb-pack-item]").forEach(function (holder) {
      var item = readItem(holder);
      if (!item) return;
      var isOwn = holder.hasAttribute("data-kb-pack-own");
      setUpToggle(holder, item, !isOwn);
      if (isOwn) own = { item: item, article: holder.closest("article") };
      else parts[item.id] = item;
    });
    if (own && own.article) setUpQuote(own.item, parts, own.article);
    var root = document.querySelector("[data-kb-pack-page]");
    if (root) setUpPage(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

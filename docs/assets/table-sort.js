// Ethical Commissioning Knowledge Base: sortable, filterable tables.
//
// Progressive enhancement for a table inside <div class="kb-sortable">: without JavaScript it
// stays a plain table. With it, each column header gets a sort <button> (the header cell carries
// aria-sort), and a labelled filter box above the table hides the rows that do not match and
// says how many are shown in a polite live region. No library, no network.
//
// Options, as attributes of the wrapper div:
//   data-kb-count-columns="6"   columns (1-based, comma-separated) that sort by how many links
//                                (or comma-separated items) a cell lists, not by its text
//   data-kb-noun="case studies"  what a row is, for the filter's label and its announcements
//   data-kb-sorted="1"           the column (1-based) the rows already come sorted by, ascending
(function () {
  "use strict";

  var counter = 0;

  function cellText(cell) {
    return (cell ? cell.textContent : "").replace(/\s+/g, " ").trim();
  }

  function cellCount(cell) {
    if (!cell) return 0;
    var links = cell.querySelectorAll("a").length;
    if (links) return links;
    var text = cellText(cell);
    return text ? text.split(",").length : 0;
  }

  function sortKey(cell, byCount) {
    if (byCount) return { number: cellCount(cell) };
    var text = cellText(cell);
    if (/^-?\d+(\.\d+)?$/.test(text)) return { number: parseFloat(text) };
    return { text: text };
  }

  function compare(a, b) {
    if (a.number !== undefined && b.number !== undefined) return a.number - b.number;
    var left = a.text !== undefined ? a.text : String(a.number);
    var right = b.text !== undefined ? b.text : String(b.number);
    return left.localeCompare(right, "en-GB", { numeric: true, sensitivity: "base" });
  }

  function setUp(wrapper) {
    var table = wrapper.querySelector("table");
    if (!table || !table.tHead || !table.tBodies.length || wrapper.hasAttribute("data-kb-ready")) return;
    wrapper.setAttribute("data-kb-ready", "");
    counter += 1;

    var body = table.tBodies[0];
    var headerRow = table.tHead.rows[table.tHead.rows.length - 1];
    var headers = Array.prototype.slice.call(headerRow.cells);
    var noun = wrapper.getAttribute("data-kb-noun") || "rows";
    var countColumns = (wrapper.getAttribute("data-kb-count-columns") || "")
      .split(",").map(function (n) { return parseInt(n, 10) - 1; });
    var original = Array.prototype.slice.call(body.rows);

    // Each cell names its column, so a table shown as cards on a narrow screen (kb.css,
    // "reader: cards") can label each line of a card.
    original.forEach(function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, column) {
        if (headers[column]) cell.setAttribute("data-label", cellText(headers[column]));
      });
    });

    // The filter: a labelled search box and a live region, above the table.
    var controls = document.createElement("div");
    controls.className = "kb-sortable__controls";
    var label = document.createElement("label");
    label.htmlFor = "kb-filter-" + counter;
    label.textContent = "Filter " + noun;
    var input = document.createElement("input");
    input.type = "search";
    input.id = "kb-filter-" + counter;
    input.autocomplete = "off";
    input.className = "kb-sortable__filter";
    var status = document.createElement("p");
    status.className = "kb-sortable__status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    controls.appendChild(label);
    controls.appendChild(input);
    controls.appendChild(status);
    wrapper.insertBefore(controls, wrapper.firstChild);

    var announceTimer = null;
    function announce(message, delay) {
      clearTimeout(announceTimer);
      announceTimer = setTimeout(function () { status.textContent = message; }, delay || 0);
    }

    function filter() {
      var words = input.value.toLocaleLowerCase("en-GB").split(/\s+/).filter(Boolean);
      var shown = 0;
      original.forEach(function (row) {
        var text = cellText(row).toLocaleLowerCase("en-GB");
        var match = words.every(function (word) { return text.indexOf(word) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      var message = words.length
        ? (shown ? "Showing " + shown + " of " + original.length + " " + noun + "." : "No " + noun + " match “" + input.value.trim() + "”.")
        : "Showing all " + original.length + " " + noun + ".";
      announce(message, 400);
    }
    input.addEventListener("input", filter);

    // Sorting: a button in each header cell; aria-sort on the sorted header only.
    var sortedBy = -1;
    var ascending = true;

    function sortBy(index) {
      ascending = sortedBy === index ? !ascending : true;
      sortedBy = index;
      var byCount = countColumns.indexOf(index) !== -1;
      var keyed = original.map(function (row, position) {
        return { row: row, key: sortKey(row.cells[index], byCount), position: position };
      });
      keyed.sort(function (a, b) {
        var order = compare(a.key, b.key);
        return (ascending ? order : -order) || a.position - b.position;
      });
      keyed.forEach(function (item) { body.appendChild(item.row); });
      headers.forEach(function (th, i) {
        if (i === index) th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        else th.removeAttribute("aria-sort");
        var arrow = th.querySelector(".kb-sort__arrow");
        if (arrow) arrow.textContent = i === index ? (ascending ? "▲" : "▼") : "↕";
      });
      announce("Sorted by " + cellText(headers[index]).replace(/[▲▼↕]/g, "").trim() + ", " +
        (ascending ? "ascending" : "descending") + (byCount ? " by number" : "") + ".", 0);
    }

    headers.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      var arrow = document.createElement("span");
      arrow.className = "kb-sort__arrow";
      arrow.setAttribute("aria-hidden", "true");
      arrow.textContent = "↕";
      button.appendChild(arrow);
      button.addEventListener("click", function () { sortBy(index); });
      th.appendChild(button);
    });

    var presorted = parseInt(wrapper.getAttribute("data-kb-sorted") || "", 10) - 1;
    if (presorted >= 0 && presorted < headers.length) {
      sortedBy = presorted;
      headers[presorted].setAttribute("aria-sort", "ascending");
      headers[presorted].querySelector(".kb-sort__arrow").textContent = "▲";
    }
  }

  function init() {
    document.querySelectorAll(".kb-sortable").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  // Material's instant navigation swaps pages without a load event.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  }
})();

// Ethical Commissioning Knowledge Base: the self-assessment checklist (/checklist/).
//
// Progressive enhancement of the checklist tables that templates/checklist.md.j2 prints: without
// JavaScript they are a paper checklist with empty score and comment cells. With it, each row
// gets a score radio group (a fieldset whose legend names the principle) and a labelled comment
// box, and the page keeps several named assessments, sums each up in a small chart built from
// HTML and CSS, compares two, exports them to CSV and JSON and imports them back.
//
// Privacy: everything is kept in this browser's localStorage under one key; nothing is sent
// anywhere (no fetch, no beacon, no third-party code). Text people type is only ever set with
// textContent or value, never parsed as HTML. Imported files are checked field by field against
// the page's own principles and rejected whole, with a message, if anything is wrong.
//
// Stored (localStorage[data-kb-storage-key]) and exported JSON share one assessment shape:
//   {"format": "eckb-checklist", "version": 1, "exported": "<ISO time>",
//    "assessment": {"id", "name", "principle_set", "created", "updated",
//                   "answers": [{"principle", "number", "title", "score": 0|1|2|null, "comment"}]}}
// On the CCPS form as printed (a table marked data-kb-own-elements), whose rows the report leaves for
// the user to fill, each answer also has "element": the element the user wrote in; in CSV it is the
// "principle" column.
// The store holds {"format": "eckb-checklist-store", "version": 1, "current": id, "assessments": [...]}.
// CSV: one row per principle, columns CSV_COLUMNS below; score is empty when not yet scored.
//
// On pages without the checklist this script does nothing.
(function () {
  "use strict";

  var FORMAT = "eckb-checklist";
  var STORE_FORMAT = "eckb-checklist-store";
  var VERSION = 1;
  var MAX_FILE_BYTES = 1024 * 1024;
  var MAX_NAME = 120;
  var MAX_ELEMENT = 300;
  var MAX_ASSESSMENTS = 100;
  var MAX_TIME = 40;
  // What a person reads first (the principle, its score, the comment), then the IDs a re-import
  // needs. Import reads columns by name, so files with the earlier order still load.
  var CSV_COLUMNS = ["number", "principle", "score", "comment", "assessment", "principle_set", "principle_id", "assessment_id", "format_version"];
  var ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
  var FORMULA_START = /^'*[=+\-@\t\r]/; // what a spreadsheet would run as a formula

  function ImportProblem(message) { this.message = message; }

  function fail(message) { return new ImportProblem(message); }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function quoted(text) {
    text = String(text);
    return "“" + (text.length > 40 ? text.slice(0, 39) + "…" : text) + "”";
  }

  function plural(count, one, many) { return count + " " + (count === 1 ? one : many); }

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

  function button(text, className) {
    return el("button", { type: "button", "class": "kb-cl-button" + (className ? " " + className : "") }, text);
  }

  function newId() {
    var random = "";
    if (window.crypto && window.crypto.getRandomValues) {
      var bytes = new Uint32Array(2);
      window.crypto.getRandomValues(bytes);
      random = bytes[0].toString(36) + bytes[1].toString(36);
    } else {
      random = Math.random().toString(36).slice(2);
    }
    return "a-" + Date.now().toString(36) + "-" + random.slice(0, 10);
  }

  function now() { return new Date().toISOString(); }

  function cleanName(value) { return String(value).replace(/\s+/g, " ").trim(); }

  // ---------------------------------------------------------------- the page's principles

  function readSets(root) {
    var sets = [];
    document.querySelectorAll("table[data-kb-checklist-set]").forEach(function (table) {
      var set = {
        id: table.getAttribute("data-kb-checklist-set"),
        title: table.getAttribute("data-kb-set-title") || "",
        isDefault: table.getAttribute("data-kb-default") === "yes",
        ownElements: table.getAttribute("data-kb-own-elements") === "yes",
        table: table,
        rows: [],
        byId: new Map(),
      };
      table.querySelectorAll("tr[data-kb-principle]").forEach(function (tr) {
        var principle = {
          id: tr.getAttribute("data-kb-principle"),
          number: parseInt(tr.getAttribute("data-kb-number"), 10),
          title: tr.getAttribute("data-kb-title") || "",
          tr: tr,
          scoreCell: tr.querySelector("[data-kb-cell=score]"),
          commentCell: tr.querySelector("[data-kb-cell=comment]"),
          elementCell: tr.querySelector("[data-kb-cell=element]"),
        };
        if (!principle.scoreCell || !principle.commentCell) return;
        set.rows.push(principle);
        set.byId.set(principle.id, principle);
      });
      if (set.rows.length) sets.push(set);
    });
    var scores = (root.getAttribute("data-kb-scores") || "2 1 0").split(" ").map(function (s) {
      return { score: parseInt(s, 10), text: root.getAttribute("data-kb-score-" + s) || s };
    });
    return { sets: sets, scores: scores };
  }

  // ---------------------------------------------------------------- checking data (imports and the store)

  function checkObject(value, what, allowed, required) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw fail(what + " is not a JSON object.");
    Object.keys(value).forEach(function (key) {
      if (allowed.indexOf(key) === -1) throw fail(what + " has a field this page does not know: " + quoted(key) + ".");
    });
    required.forEach(function (key) {
      if (!has(value, key)) throw fail(what + " has no " + quoted(key) + " field.");
    });
  }

  function checkTime(value, what) {
    if (value === undefined || value === null) return null;
    if (typeof value !== "string" || value.length > MAX_TIME || isNaN(Date.parse(value))) throw fail(what + " is not a date and time.");
    return new Date(Date.parse(value)).toISOString();
  }

  // Answers as [{principle, score, comment}] -> a Map of principle ID -> {score, comment}.
  function checkAnswers(list, set, maxComment, where) {
    var answers = new Map();
    list.forEach(function (item, index) {
      var what = where(index);
      var id = item.principle;
      if (typeof id !== "string" || !set.byId.has(id)) {
        throw fail(what + " names a principle that is not in the " + set.title + ": " + quoted(id) + ".");
      }
      if (answers.has(id)) throw fail(what + " repeats the principle " + quoted(id) + ".");
      var score = item.score === undefined ? null : item.score;
      if (score !== null && !(score === 0 || score === 1 || score === 2)) {
        throw fail(what + " has the score " + quoted(score) + "; a score must be 2, 1, 0 or empty (not yet scored).");
      }
      var comment = item.comment === undefined || item.comment === null ? "" : item.comment;
      if (typeof comment !== "string") throw fail(what + " has a comment that is not text.");
      if (comment.length > maxComment) throw fail(what + " has a comment of " + comment.length + " characters; the limit is " + maxComment + ".");
      var element = item.element === undefined || item.element === null || !set.ownElements ? "" : item.element;
      if (typeof element !== "string") throw fail(what + " has an element that is not text.");
      if (element.length > MAX_ELEMENT) throw fail(what + " has an element of " + element.length + " characters; the limit is " + MAX_ELEMENT + ".");
      answers.set(id, { score: score, comment: comment, element: element });
    });
    return answers;
  }

  function checkName(name, what) {
    if (typeof name !== "string" || !cleanName(name)) throw fail(what + " has no name.");
    if (cleanName(name).length > MAX_NAME) throw fail(what + " has a name longer than " + MAX_NAME + " characters.");
    return cleanName(name);
  }

  function findSet(model, id, what) {
    for (var i = 0; i < model.sets.length; i += 1) if (model.sets[i].id === id) return model.sets[i];
    throw fail(what + " uses principles this page does not have: " + quoted(id) + ".");
  }

  // One assessment in the JSON shape -> the page's own, checked.
  function fromJSONAssessment(value, model, maxComment, what) {
    checkObject(value, what, ["id", "name", "principle_set", "created", "updated", "answers"], ["name", "principle_set", "answers"]);
    if (value.id !== undefined && (typeof value.id !== "string" || !ID_PATTERN.test(value.id))) throw fail(what + " has an id this page cannot use.");
    var name = checkName(value.name, what);
    if (typeof value.principle_set !== "string") throw fail(what + " has no principle set.");
    var set = findSet(model, value.principle_set, what);
    if (!Array.isArray(value.answers)) throw fail(what + ": “answers” is not a list.");
    if (value.answers.length > set.rows.length) throw fail(what + " has " + value.answers.length + " answers; the " + set.title + " have " + set.rows.length + ".");
    value.answers.forEach(function (answer, index) {
      checkObject(answer, what + ", answer " + (index + 1), ["principle", "number", "title", "score", "comment", "element"], ["principle"]);
    });
    var answers = checkAnswers(value.answers, set, maxComment, function (index) { return what + ", answer " + (index + 1); });
    var stamp = now();
    return {
      id: value.id || newId(),
      name: name,
      set: set.id,
      created: checkTime(value.created, what + "'s creation time") || stamp,
      updated: checkTime(value.updated, what + "'s update time") || stamp,
      answers: answers,
    };
  }

  function fromJSONFile(text, model, maxComment) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw fail("The file is not valid JSON, so it cannot be a checklist export.");
    }
    if (data === null || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT) {
      throw fail("The file is JSON but not a checklist export from this page (it has no \"format\": \"" + FORMAT + "\").");
    }
    checkObject(data, "The file", ["format", "version", "exported", "assessment"], ["format", "version", "assessment"]);
    if (data.version !== VERSION) {
      throw fail(typeof data.version === "number" && data.version > VERSION
        ? "The file is in a newer format (version " + data.version + ") than this page reads (version " + VERSION + ")."
        : "The file's format version is not one this page reads (it reads version " + VERSION + ").");
    }
    checkTime(data.exported, "The file's export time");
    return fromJSONAssessment(data.assessment, model, maxComment, "The assessment in the file");
  }

  // RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks.
  function parseCSV(text) {
    var rows = [];
    var row = [];
    var field = "";
    var i = 0;
    var quotedField = false;
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    while (i < text.length) {
      var c = text[i];
      if (quotedField) {
        if (c === "\"") {
          if (text[i + 1] === "\"") { field += "\""; i += 2; continue; }
          quotedField = false;
          i += 1;
          if (i < text.length && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
            throw fail("The CSV file is malformed: row " + (rows.length + 1) + " has text after a closing quote.");
          }
          continue;
        }
        field += c;
        i += 1;
        continue;
      }
      if (c === "\"") {
        if (field !== "") throw fail("The CSV file is malformed: row " + (rows.length + 1) + " has a quote inside an unquoted value.");
        quotedField = true;
        i += 1;
      } else if (c === ",") {
        row.push(field); field = ""; i += 1;
      } else if (c === "\r" || c === "\n") {
        row.push(field); field = "";
        rows.push(row); row = [];
        i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      } else {
        field += c; i += 1;
      }
    }
    if (quotedField) throw fail("The CSV file is malformed: a quoted value is never closed.");
    if (field !== "" || row.length) { row.push(field); rows.push(row); }
    return rows.filter(function (r) { return !(r.length === 1 && r[0] === ""); });
  }

  function unguard(value) { return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value; }

  function fromCSVFile(text, model, maxComment) {
    var rows = parseCSV(text);
    if (!rows.length) throw fail("The CSV file is empty.");
    var header = rows[0].map(function (h) { return h.trim(); });
    if (header.slice().sort().join(",") !== CSV_COLUMNS.slice().sort().join(",")) {
      throw fail("The CSV file's columns are not the checklist's. Expected: " + CSV_COLUMNS.join(", ") + ". Found: " + header.slice(0, 12).join(", ").slice(0, 200) + ".");
    }
    var body = rows.slice(1);
    if (!body.length) throw fail("The CSV file has the checklist's columns but no rows.");
    var first = null;
    var list = body.map(function (cells, index) {
      var line = "Row " + (index + 2);
      if (cells.length !== CSV_COLUMNS.length) throw fail(line + " of the CSV file has " + cells.length + " values; expected " + CSV_COLUMNS.length + ".");
      var record = {};
      header.forEach(function (column, c) { record[column] = unguard(cells[c]); });
      if (record.format_version !== String(VERSION)) throw fail(line + ": format_version is " + quoted(record.format_version) + "; this page reads version " + VERSION + ".");
      if (first === null) first = record;
      else if (record.assessment !== first.assessment || record.assessment_id !== first.assessment_id || record.principle_set !== first.principle_set) {
        throw fail(line + " belongs to a different assessment or principle set from row 2: import one assessment a file.");
      }
      var score = record.score.trim();
      if (!/^[012]?$/.test(score)) throw fail(line + " has the score " + quoted(record.score) + "; a score must be 2, 1, 0 or empty (not yet scored).");
      return { principle: record.principle_id, score: score === "" ? null : parseInt(score, 10), comment: record.comment, element: record.principle };
    });
    var what = "The assessment in the CSV file";
    if (first.assessment_id && !ID_PATTERN.test(first.assessment_id)) throw fail(what + " has an assessment_id this page cannot use.");
    var name = checkName(first.assessment, what);
    var set = findSet(model, first.principle_set, what);
    if (list.length > set.rows.length) throw fail("The CSV file has " + list.length + " rows; the " + set.title + " have " + set.rows.length + ".");
    var answers = checkAnswers(list, set, maxComment, function (index) { return "Row " + (index + 2) + " of the CSV file"; });
    var stamp = now();
    return { id: first.assessment_id || newId(), name: name, set: set.id, created: stamp, updated: stamp, answers: answers };
  }

  // ---------------------------------------------------------------- writing data

  function toJSONAssessment(assessment, model) {
    var set = findSet(model, assessment.set, "The assessment");
    return {
      id: assessment.id,
      name: assessment.name,
      principle_set: assessment.set,
      created: assessment.created,
      updated: assessment.updated,
      answers: set.rows.map(function (principle) {
        var answer = assessment.answers.get(principle.id) || { score: null, comment: "", element: "" };
        var out = { principle: principle.id, number: principle.number, title: principle.title, score: answer.score, comment: answer.comment };
        if (set.ownElements) out.element = answer.element || "";
        return out;
      }),
    };
  }

  function guard(value) {
    value = String(value);
    if (FORMULA_START.test(value)) value = "'" + value;
    return /[",\r\n]/.test(value) || value !== value.trim() ? "\"" + value.replace(/"/g, "\"\"") + "\"" : value;
  }

  function toCSV(assessment, model) {
    var set = findSet(model, assessment.set, "The assessment");
    var lines = [CSV_COLUMNS.join(",")];
    set.rows.forEach(function (principle) {
      var answer = assessment.answers.get(principle.id) || { score: null, comment: "", element: "" };
      lines.push([
        principle.number, set.ownElements ? answer.element || "" : principle.title,
        answer.score === null ? "" : answer.score, answer.comment,
        assessment.name, assessment.set, principle.id, assessment.id, VERSION,
      ].map(guard).join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  function fileName(assessment, extension) {
    var slug = assessment.name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
    return "checklist-" + (slug || "assessment") + "." + extension;
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = el("a", { href: url, download: name, hidden: true });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  // ---------------------------------------------------------------- the tool

  function setUp(root) {
    var model = readSets(root);
    if (!model.sets.length) return;
    root.setAttribute("data-kb-ready", "");
    var storageKey = root.getAttribute("data-kb-storage-key") || "eckb-checklist";
    var maxComment = parseInt(root.getAttribute("data-kb-max-comment"), 10) || 5000;
    var resultsRoot = document.querySelector("[data-kb-checklist-results]");
    var defaultSet = model.sets.filter(function (s) { return s.isDefault; })[0] || model.sets[0];
    var scoreText = {};
    model.scores.forEach(function (s) { scoreText[s.score] = s.text; });

    var storage = null;
    try {
      var probe = storageKey + ".probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      storage = window.localStorage;
    } catch (error) {
      storage = null;
    }

    var state = { current: null, assessments: [] };
    var saved = false; // whether the store holds anything: nothing is written until someone answers
    var ui = {};

    function fresh(setId, name) {
      var stamp = now();
      return { id: newId(), name: name, set: setId, created: stamp, updated: stamp, answers: new Map() };
    }

    // A first visit starts on the form as printed, or on the list a "?fill=<set id>" link names.
    function startSet() {
      var match = /[?&]fill=([^&#]*)/.exec(window.location.search);
      var wanted = match ? decodeURIComponent(match[1]) : "";
      return model.sets.filter(function (s) { return s.id === wanted; })[0] || defaultSet;
    }

    function current() {
      for (var i = 0; i < state.assessments.length; i += 1) if (state.assessments[i].id === state.current) return state.assessments[i];
      return state.assessments[0];
    }

    function byId(id) {
      for (var i = 0; i < state.assessments.length; i += 1) if (state.assessments[i].id === id) return state.assessments[i];
      return null;
    }

    function setOf(assessment) { return findSet(model, assessment.set, "The assessment"); }

    function answerOf(assessment, principleId) {
      return assessment.answers.get(principleId) || { score: null, comment: "", element: "" };
    }

    function load() {
      var problem = null;
      state = { current: null, assessments: [] };
      saved = false;
      var raw = null;
      if (storage) {
        try { raw = storage.getItem(storageKey); } catch (error) { raw = null; }
      }
      if (raw) {
        try {
          var data = JSON.parse(raw);
          checkObject(data, "The saved data", ["format", "version", "current", "assessments"], ["format", "version", "assessments"]);
          if (data.format !== STORE_FORMAT || data.version !== VERSION || !Array.isArray(data.assessments)) throw fail("The saved data is in a format this page does not read.");
          data.assessments.slice(0, MAX_ASSESSMENTS).forEach(function (item, index) {
            try {
              state.assessments.push(fromJSONAssessment(item, model, maxComment, "Saved assessment " + (index + 1)));
            } catch (error) {
              if (!(error instanceof ImportProblem)) throw error;
              problem = error.message;
            }
          });
          if (typeof data.current === "string") state.current = data.current;
          saved = state.assessments.length > 0;
        } catch (error) {
          if (!(error instanceof ImportProblem) && !(error instanceof SyntaxError)) throw error;
          problem = error.message || "The saved data could not be read.";
          try { storage.setItem(storageKey + ".unreadable", raw); } catch (ignored) { /* keep going */ }
        }
      }
      if (!state.assessments.length) state.assessments.push(fresh(startSet().id, "My assessment"));
      if (!byId(state.current)) state.current = state.assessments[0].id;
      return problem;
    }

    function save() {
      if (!storage) {
        alertMessage("This browser is not letting the page save anything, so your answers will be lost when you leave. Export your assessment to keep it.");
        return false;
      }
      var data = {
        format: STORE_FORMAT,
        version: VERSION,
        current: state.current,
        assessments: state.assessments.map(function (a) { return toJSONAssessment(a, model); }),
      };
      try {
        storage.setItem(storageKey, JSON.stringify(data));
      } catch (error) {
        alertMessage("Could not save in this browser (" + (error && error.name ? error.name : "storage refused") + "). Export your assessment to keep it.");
        return false;
      }
      saved = true;
      ui.savedAt.textContent = "Last saved in this browser at " + new Date().toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" }) + ".";
      return true;
    }

    function touch(assessment) {
      assessment.updated = now();
      return save();
    }

    // ---- live regions

    var statusTimer = null;
    function announce(message) {
      clearTimeout(statusTimer);
      ui.alert.textContent = "";
      ui.status.textContent = "";
      statusTimer = setTimeout(function () { ui.status.textContent = message; }, 60);
    }

    function alertMessage(message) {
      clearTimeout(statusTimer);
      ui.status.textContent = "";
      ui.alert.textContent = "";
      // A fresh text node each time, so the same message is announced again.
      setTimeout(function () { ui.alert.textContent = message; }, 60);
    }

    // ---- totals

    function totals(assessment) {
      var set = setOf(assessment);
      var result = { total: 0, scored: 0, count: set.rows.length, max: 2 * set.rows.length, by: { 0: 0, 1: 0, 2: 0 } };
      set.rows.forEach(function (principle) {
        var answer = answerOf(assessment, principle.id);
        if (answer.score !== null) {
          result.total += answer.score;
          result.scored += 1;
          result.by[answer.score] += 1;
        }
      });
      return result;
    }

    function totalSentence(assessment) {
      var t = totals(assessment);
      var rows = setOf(assessment).ownElements ? "elements" : "principles";
      if (!t.scored) return "No " + rows + " scored yet.";
      return "Total " + t.total + " out of " + t.max + "; " + t.scored + " of " + t.count + " " + rows + " scored.";
    }

    // The "My assessment" a first visit starts with is only kept once someone has used it.
    function dropUntouchedDefault() {
      if (!saved && state.assessments.length === 1 && !hasAnswers(state.assessments[0])) state.assessments = [];
    }

    function hasAnswers(assessment) {
      var any = false;
      assessment.answers.forEach(function (answer) { if (answer.score !== null || answer.comment || answer.element) any = true; });
      return any;
    }

    // ---- the controls in each row

    function buildRowControls() {
      model.sets.forEach(function (set) {
        set.rows.forEach(function (principle) {
          var name = set.ownElements ? principle.title : principle.number + ". " + principle.title;
          var fieldset = el("fieldset", { "class": "kb-cl-score" });
          var legend = el("legend", {}, "Score");
          legend.appendChild(srOnly(" for " + name));
          fieldset.appendChild(legend);
          principle.radios = {};
          var options = model.scores.map(function (s) { return { value: String(s.score), text: s.score + " — " + s.text }; });
          options.push({ value: "none", text: "Not yet scored" });
          options.forEach(function (option) {
            var id = "kb-cl-" + principle.id + "-" + option.value;
            var wrap = el("div", { "class": "kb-cl-option" });
            var input = el("input", { type: "radio", id: id, name: "kb-cl-score-" + principle.id, value: option.value });
            input.addEventListener("change", function () { if (input.checked) setScore(principle, option.value); });
            wrap.appendChild(input);
            wrap.appendChild(el("label", { "for": id }, option.text));
            fieldset.appendChild(wrap);
            principle.radios[option.value] = input;
          });
          principle.printScore = el("p", { "class": "kb-cl-print-only kb-cl-print-score" });
          principle.scoreCell.appendChild(fieldset);
          principle.scoreCell.appendChild(principle.printScore);
          principle.fieldset = fieldset;

          var commentId = "kb-cl-comment-" + principle.id;
          var wrapper = el("div", { "class": "kb-cl-comment" });
          var label = el("label", { "for": commentId }, "Comments");
          label.appendChild(srOnly(" on " + name));
          var area = el("textarea", { id: commentId, rows: "4", maxlength: String(maxComment), spellcheck: "true" });
          var timer = null;
          area.addEventListener("input", function () {
            clearTimeout(timer);
            timer = setTimeout(function () { setComment(principle, area.value, false); }, 400);
          });
          area.addEventListener("change", function () {
            clearTimeout(timer);
            setComment(principle, area.value, true);
          });
          principle.flush = function () {
            if (timer) { clearTimeout(timer); timer = null; setComment(principle, area.value, false); }
          };
          wrapper.appendChild(label);
          wrapper.appendChild(area);
          principle.commentWrap = wrapper;
          principle.textarea = area;
          principle.printComment = el("div", { "class": "kb-cl-print-only kb-cl-print-comment" });
          principle.commentCell.appendChild(wrapper);
          principle.commentCell.appendChild(principle.printComment);
          if (set.ownElements && principle.elementCell) buildElementBox(principle);
        });
      });
    }

    // On the form as printed, the element is the user's to write in.
    function buildElementBox(principle) {
      var id = "kb-cl-element-" + principle.id;
      var wrapper = el("div", { "class": "kb-cl-element" });
      wrapper.appendChild(el("label", { "for": id }, principle.title));
      var input = el("input", { type: "text", id: id, maxlength: String(MAX_ELEMENT), autocomplete: "off" });
      var timer = null;
      input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { setElement(principle, input.value, false); }, 400);
      });
      input.addEventListener("change", function () {
        clearTimeout(timer);
        setElement(principle, input.value, true);
      });
      var flushComment = principle.flush;
      principle.flush = function () {
        flushComment();
        if (timer) { clearTimeout(timer); timer = null; setElement(principle, input.value, false); }
      };
      wrapper.appendChild(input);
      principle.elementInput = input;
      principle.printElement = el("span", { "class": "kb-cl-print-only kb-cl-print-element" });
      principle.elementCell.textContent = "";
      principle.elementCell.appendChild(wrapper);
      principle.elementCell.appendChild(principle.printElement);
    }

    function setElement(principle, text, say) {
      var assessment = current();
      var answer = answerOf(assessment, principle.id);
      if ((answer.element || "") === text) return;
      assessment.answers.set(principle.id, { score: answer.score, comment: answer.comment, element: text });
      var ok = touch(assessment);
      principle.printElement.textContent = principle.number + ". " + text;
      renderResults();
      if (ok && say) announce(principle.title + " saved in this browser.");
    }

    // What a row is called in summaries: on the printed form, the element the user wrote in.
    function rowName(assessment, principle) {
      var set = setOf(assessment);
      if (!set.ownElements) return principle.number + ". " + principle.title;
      var element = answerOf(assessment, principle.id).element;
      return principle.number + ". " + (element || principle.title + " (not written in)");
    }

    function setScore(principle, value) {
      var assessment = current();
      var answer = answerOf(assessment, principle.id);
      var score = value === "none" ? null : parseInt(value, 10);
      assessment.answers.set(principle.id, { score: score, comment: answer.comment, element: answer.element || "" });
      var ok = touch(assessment);
      renderRow(principle, assessment);
      renderResults();
      if (ok) {
        announce(principle.title + ": " + (score === null ? "not yet scored" : score + " — " + scoreText[score]) + ". " + totalSentence(assessment) + " Saved in this browser.");
      }
    }

    function setComment(principle, text, say) {
      var assessment = current();
      var answer = answerOf(assessment, principle.id);
      if (answer.comment === text) return;
      assessment.answers.set(principle.id, { score: answer.score, comment: text, element: answer.element || "" });
      var ok = touch(assessment);
      principle.printComment.textContent = text;
      renderResults();
      if (ok && say) announce("Comment on " + principle.title + " saved in this browser.");
    }

    function flushComments() {
      model.sets.forEach(function (set) { set.rows.forEach(function (p) { if (p.flush) p.flush(); }); });
    }

    // ---- the panel of assessments

    function buildPanel() {
      root.classList.add("kb-cl-panel");
      root.setAttribute("role", "region");
      root.setAttribute("aria-labelledby", "kb-cl-title");
      root.appendChild(el("h2", { id: "kb-cl-title", "class": "kb-cl-heading" }, "Your assessments"));
      root.appendChild(el("p", {}, "Keep several assessments side by side, for example one per partnership or one each year. " +
        "They are saved in this browser only; export a file to keep or share one."));
      ui.savedAt = el("p", { "class": "kb-cl-saved" }, "Nothing saved yet: answers are saved as soon as you score a principle or write a comment.");
      root.appendChild(ui.savedAt);

      var pick = el("div", { "class": "kb-cl-field" });
      pick.appendChild(el("label", { "for": "kb-cl-current" }, "Assessment you are working on"));
      ui.select = el("select", { id: "kb-cl-current" });
      ui.select.addEventListener("change", function () {
        flushComments();
        state.current = ui.select.value;
        if (saved) save();
        render();
        var a = current();
        announce("Now working on " + a.name + ", against the " + setOf(a).title + ". " + totalSentence(a));
      });
      pick.appendChild(ui.select);
      root.appendChild(pick);

      var manage = el("div", { "class": "kb-cl-actions", role: "group", "aria-label": "Manage assessments" });
      ui.newButton = button("New assessment");
      ui.renameButton = button("Rename");
      ui.deleteButton = button("Delete");
      manage.appendChild(ui.newButton);
      manage.appendChild(ui.renameButton);
      manage.appendChild(ui.deleteButton);
      root.appendChild(manage);

      // New assessment: a name and the principles to assess.
      ui.newForm = el("form", { "class": "kb-cl-form", hidden: true, "aria-labelledby": "kb-cl-new-title" });
      ui.newForm.appendChild(el("h3", { id: "kb-cl-new-title", "class": "kb-cl-form-title" }, "New assessment"));
      var nameField = el("div", { "class": "kb-cl-field" });
      nameField.appendChild(el("label", { "for": "kb-cl-new-name" }, "Name"));
      nameField.appendChild(el("p", { id: "kb-cl-new-hint", "class": "kb-cl-hint" }, "For example: North Partnership — March 2027"));
      ui.newName = el("input", { type: "text", id: "kb-cl-new-name", maxlength: String(MAX_NAME), autocomplete: "off", "aria-describedby": "kb-cl-new-hint" });
      nameField.appendChild(ui.newName);
      ui.newForm.appendChild(nameField);
      var setChoice = el("fieldset", { "class": "kb-cl-set-choice" });
      setChoice.appendChild(el("legend", {}, "Fill the rows with"));
      ui.newSetRadios = {};
      model.sets.forEach(function (set) {
        var id = "kb-cl-new-set-" + set.id;
        var wrap = el("div", { "class": "kb-cl-option" });
        var input = el("input", { type: "radio", id: id, name: "kb-cl-new-set", value: set.id });
        wrap.appendChild(input);
        wrap.appendChild(el("label", { "for": id }, set.title + " (" + set.rows.length + ")"));
        setChoice.appendChild(wrap);
        ui.newSetRadios[set.id] = input;
      });
      ui.newForm.appendChild(setChoice);
      formActions(ui.newForm, "Create");
      root.appendChild(ui.newForm);

      // Rename.
      ui.renameForm = el("form", { "class": "kb-cl-form", hidden: true, "aria-labelledby": "kb-cl-rename-title" });
      ui.renameForm.appendChild(el("h3", { id: "kb-cl-rename-title", "class": "kb-cl-form-title" }, "Rename this assessment"));
      var renameField = el("div", { "class": "kb-cl-field" });
      renameField.appendChild(el("label", { "for": "kb-cl-rename-name" }, "New name"));
      ui.renameName = el("input", { type: "text", id: "kb-cl-rename-name", maxlength: String(MAX_NAME), autocomplete: "off" });
      renameField.appendChild(ui.renameName);
      ui.renameForm.appendChild(renameField);
      formActions(ui.renameForm, "Save name");
      root.appendChild(ui.renameForm);

      var files = el("div", { "class": "kb-cl-actions", role: "group", "aria-label": "Export, import, print and clear" });
      ui.csvButton = button("Export CSV");
      ui.jsonButton = button("Export JSON");
      ui.printButton = button("Print");
      ui.clearButton = button("Clear scores and comments");
      files.appendChild(ui.csvButton);
      files.appendChild(ui.jsonButton);
      files.appendChild(ui.printButton);
      files.appendChild(ui.clearButton);
      root.appendChild(files);

      var importField = el("div", { "class": "kb-cl-field kb-cl-import" });
      importField.appendChild(el("label", { "for": "kb-cl-import" }, "Import an assessment (a CSV or JSON file exported from this page)"));
      ui.importInput = el("input", { type: "file", id: "kb-cl-import", accept: ".csv,.json,text/csv,application/json" });
      importField.appendChild(ui.importInput);
      root.appendChild(importField);

      ui.status = el("p", { "class": "kb-cl-status", role: "status", "aria-live": "polite" });
      ui.alert = el("p", { "class": "kb-cl-alert", role: "alert" });
      root.appendChild(ui.status);
      root.appendChild(ui.alert);

      var forget = el("p", { "class": "kb-cl-forget" });
      ui.forgetButton = button("Remove all assessments from this browser", "kb-cl-button--quiet");
      forget.appendChild(ui.forgetButton);
      root.appendChild(forget);

      // Handlers.
      ui.newButton.addEventListener("click", function () { openNew(current().set === defaultSet.id ? defaultSet.id : current().set, ui.newButton); });
      ui.newForm.addEventListener("submit", function (event) {
        event.preventDefault();
        var name = cleanName(ui.newName.value);
        if (!name) { alertMessage("Give the new assessment a name."); ui.newName.focus(); return; }
        if (state.assessments.length >= MAX_ASSESSMENTS) { alertMessage("This page keeps at most " + MAX_ASSESSMENTS + " assessments: delete one first."); return; }
        var setId = defaultSet.id;
        Object.keys(ui.newSetRadios).forEach(function (id) { if (ui.newSetRadios[id].checked) setId = id; });
        flushComments();
        dropUntouchedDefault();
        var assessment = fresh(setId, name);
        state.assessments.push(assessment);
        state.current = assessment.id;
        var ok = save();
        closeForm(ui.newForm);
        render();
        if (ok) announce("Created " + name + ", against the " + setOf(assessment).title + ". Its table is below; it is saved in this browser.");
      });

      ui.renameButton.addEventListener("click", function () {
        ui.renameName.value = current().name;
        openForm(ui.renameForm, ui.renameButton);
        ui.renameName.select();
      });
      ui.renameForm.addEventListener("submit", function (event) {
        event.preventDefault();
        var name = cleanName(ui.renameName.value);
        if (!name) { alertMessage("Give the assessment a name."); ui.renameName.focus(); return; }
        var assessment = current();
        assessment.name = name;
        var ok = touch(assessment);
        closeForm(ui.renameForm);
        render();
        if (ok) announce("Renamed to " + name + ".");
      });

      ui.deleteButton.addEventListener("click", function () {
        var assessment = current();
        if (!window.confirm("Delete “" + assessment.name + "” and all its scores and comments from this browser? This cannot be undone: export it first to keep a copy.")) return;
        state.assessments = state.assessments.filter(function (a) { return a !== assessment; });
        if (!state.assessments.length) state.assessments.push(fresh(startSet().id, "My assessment"));
        state.current = state.assessments[0].id;
        var ok = save();
        render();
        if (ok) announce("Deleted " + assessment.name + ". Now working on " + current().name + ".");
      });

      ui.csvButton.addEventListener("click", function () {
        flushComments();
        var a = current();
        download(fileName(a, "csv"), "text/csv;charset=utf-8", toCSV(a, model));
        announce("Exported " + a.name + " as a CSV file (" + fileName(a, "csv") + ").");
      });
      ui.jsonButton.addEventListener("click", function () {
        flushComments();
        var a = current();
        var data = { format: FORMAT, version: VERSION, exported: now(), assessment: toJSONAssessment(a, model) };
        download(fileName(a, "json"), "application/json", JSON.stringify(data, null, 2) + "\n");
        announce("Exported " + a.name + " as a JSON file (" + fileName(a, "json") + ").");
      });
      ui.printButton.addEventListener("click", function () { flushComments(); window.print(); });
      ui.clearButton.addEventListener("click", function () {
        var assessment = current();
        if (!window.confirm("Clear every score and comment in “" + assessment.name + "”? This cannot be undone: export it first to keep a copy.")) return;
        assessment.answers = new Map();
        var ok = touch(assessment);
        render();
        if (ok) announce("Cleared the scores and comments of " + assessment.name + ".");
      });
      ui.importInput.addEventListener("change", function () {
        var file = ui.importInput.files && ui.importInput.files[0];
        if (file) importFile(file);
      });
      ui.forgetButton.addEventListener("click", function () {
        if (!window.confirm("Remove all " + plural(state.assessments.length, "assessment", "assessments") + " and their scores and comments from this browser? This cannot be undone.")) return;
        try {
          if (storage) { storage.removeItem(storageKey); storage.removeItem(storageKey + ".unreadable"); }
        } catch (error) { /* nothing more to do */ }
        state = { current: null, assessments: [fresh(startSet().id, "My assessment")] };
        state.current = state.assessments[0].id;
        saved = false;
        ui.savedAt.textContent = "Nothing saved: this page has removed everything it kept in this browser.";
        render();
        announce("Removed every assessment from this browser.");
      });
    }

    var opener = null;
    // A form's buttons: submit with the given words, and Cancel, which closes the form.
    function formActions(form, submitText) {
      var actions = el("div", { "class": "kb-cl-actions" });
      actions.appendChild(el("button", { type: "submit", "class": "kb-cl-button kb-cl-button--primary" }, submitText));
      var cancel = button("Cancel");
      cancel.addEventListener("click", function () { closeForm(form); });
      actions.appendChild(cancel);
      form.appendChild(actions);
    }

    function openForm(form, from) {
      closeForm(ui.newForm, true);
      closeForm(ui.renameForm, true);
      opener = from;
      form.hidden = false;
      var input = form.querySelector("input[type=text]");
      if (input) input.focus();
    }

    function closeForm(form, quietly) {
      if (form.hidden) return;
      form.hidden = true;
      if (!quietly && opener) opener.focus();
    }

    function openNew(setId, from) {
      ui.newName.value = "";
      Object.keys(ui.newSetRadios).forEach(function (id) { ui.newSetRadios[id].checked = id === setId; });
      openForm(ui.newForm, from);
    }

    // ---- import

    function importFile(file) {
      var reset = function () { ui.importInput.value = ""; };
      if (file.size > MAX_FILE_BYTES) {
        reset();
        alertMessage("Not imported: " + quoted(file.name) + " is " + (file.size / 1048576).toFixed(1) + " MB; a checklist file is never more than 1 MB. Nothing was changed.");
        return;
      }
      var reader = new FileReader();
      reader.onerror = function () { reset(); alertMessage("Not imported: the file could not be read. Nothing was changed."); };
      reader.onload = function () {
        reset();
        var text = String(reader.result || "");
        var imported;
        try {
          var json = /\.json$/i.test(file.name) || (!/\.csv$/i.test(file.name) && /^\s*[[{]/.test(text.replace(/^\ufeff/, "")));
          imported = json ? fromJSONFile(text.replace(/^\ufeff/, ""), model, maxComment) : fromCSVFile(text, model, maxComment);
        } catch (error) {
          if (!(error instanceof ImportProblem)) throw error;
          alertMessage("Not imported: " + error.message + " Nothing was changed.");
          return;
        }
        applyImport(imported, file.name);
      };
      reader.readAsText(file);
    }

    function sameAnswers(a, b) {
      var same = true;
      setOf(a).rows.forEach(function (p) {
        var x = answerOf(a, p.id);
        var y = answerOf(b, p.id);
        if (x.score !== y.score || x.comment !== y.comment) same = false;
      });
      return same && a.set === b.set;
    }

    function applyImport(imported, name) {
      flushComments();
      var existing = byId(imported.id);
      if (existing && hasAnswers(existing) && !sameAnswers(existing, imported)) {
        if (!window.confirm("This browser already has “" + existing.name + "”, with different scores or comments. Replace it with the one in " + name + "?")) {
          announce("Import cancelled. Nothing was changed.");
          return;
        }
      }
      if (!existing && state.assessments.length >= MAX_ASSESSMENTS) {
        alertMessage("Not imported: this page keeps at most " + MAX_ASSESSMENTS + " assessments; delete one first. Nothing was changed.");
        return;
      }
      if (existing) state.assessments[state.assessments.indexOf(existing)] = imported;
      else {
        dropUntouchedDefault();
        state.assessments.push(imported);
      }
      state.current = imported.id;
      var ok = save();
      render();
      if (ok) {
        announce("Imported " + imported.name + " from " + name + (existing ? ", replacing the copy in this browser" : "") + ". " + totalSentence(imported));
      }
    }

    // ---- results: summary and comparison

    function buildResults() {
      if (!resultsRoot) return;
      resultsRoot.classList.add("kb-cl-results");
      var summary = el("section", { "class": "kb-cl-summary", "aria-labelledby": "kb-cl-summary-title" });
      ui.summaryTitle = el("h2", { id: "kb-cl-summary-title", "class": "kb-cl-heading" }, "Summary");
      summary.appendChild(ui.summaryTitle);
      ui.summaryTotal = el("p", { "class": "kb-cl-total" });
      summary.appendChild(ui.summaryTotal);
      ui.summaryCounts = el("p", { "class": "kb-cl-counts" });
      summary.appendChild(ui.summaryCounts);
      var figure = el("figure", { "class": "kb-cl-figure" });
      figure.appendChild(el("figcaption", { id: "kb-cl-chart-caption" }, "Score for each principle, out of 2"));
      ui.chart = el("ul", { "class": "kb-cl-chart", "aria-labelledby": "kb-cl-chart-caption" });
      figure.appendChild(ui.chart);
      summary.appendChild(figure);
      resultsRoot.appendChild(summary);

      var overview = el("section", { "class": "kb-cl-overview-section", "aria-labelledby": "kb-cl-overview-title" });
      overview.appendChild(el("h2", { id: "kb-cl-overview-title", "class": "kb-cl-heading" }, "All assessments in this browser"));
      ui.overview = el("table", { "class": "kb-cl-table kb-cl-overview" });
      overview.appendChild(ui.overview);
      resultsRoot.appendChild(overview);

      var compare = el("section", { "class": "kb-cl-compare-section", "aria-labelledby": "kb-cl-compare-title" });
      compare.appendChild(el("h2", { id: "kb-cl-compare-title", "class": "kb-cl-heading" }, "Compare two assessments"));
      compare.appendChild(el("p", {}, "Pick two assessments against the same principles, for example two partners' views or this year and last, to see each principle's scores side by side and how they differ."));
      var controls = el("div", { "class": "kb-cl-compare-controls" });
      var first = el("div", { "class": "kb-cl-field" });
      first.appendChild(el("label", { "for": "kb-cl-compare-a" }, "First assessment"));
      ui.compareA = el("select", { id: "kb-cl-compare-a" });
      first.appendChild(ui.compareA);
      var second = el("div", { "class": "kb-cl-field" });
      second.appendChild(el("label", { "for": "kb-cl-compare-b" }, "Second assessment"));
      ui.compareB = el("select", { id: "kb-cl-compare-b" });
      second.appendChild(ui.compareB);
      controls.appendChild(first);
      controls.appendChild(second);
      compare.appendChild(controls);
      ui.compareNote = el("p", { "class": "kb-cl-compare-note" });
      compare.appendChild(ui.compareNote);
      ui.compareTable = el("table", { "class": "kb-cl-table kb-cl-compare", hidden: true });
      compare.appendChild(ui.compareTable);
      ui.compareA.addEventListener("change", function () { ui.compareB.value = ""; renderCompare(); });
      ui.compareB.addEventListener("change", renderCompare);
      resultsRoot.appendChild(compare);
    }

    function fill(select, assessments, chosen, placeholder) {
      select.textContent = "";
      if (placeholder) select.appendChild(el("option", { value: "" }, placeholder));
      assessments.forEach(function (a) {
        var option = el("option", { value: a.id }, a.name + " (" + setOf(a).title + ")");
        select.appendChild(option);
      });
      select.value = chosen && assessments.some(function (a) { return a.id === chosen; }) ? chosen : (placeholder ? "" : (assessments[0] ? assessments[0].id : ""));
    }

    function bar(score) {
      var track = el("span", { "class": "kb-cl-bar", "aria-hidden": "true" });
      track.appendChild(el("span", { "class": "kb-cl-bar__fill kb-cl-bar__fill--" + (score === null ? "none" : score) }));
      return track;
    }

    function renderSummary() {
      if (!resultsRoot) return;
      var a = current();
      var set = setOf(a);
      var t = totals(a);
      ui.summaryTitle.textContent = "Summary: " + a.name;
      ui.summaryTotal.textContent = t.scored
        ? "Total: " + t.total + " out of " + t.max + ", with " + t.scored + " of " + t.count + " " + (set.ownElements ? "elements" : "principles") + " scored."
        : "No " + (set.ownElements ? "elements" : "principles") + " scored yet: the total will appear here (out of " + t.max + ").";
      ui.summaryCounts.textContent = "Scored 2: " + t.by[2] + ". Scored 1: " + t.by[1] + ". Scored 0: " + t.by[0] + ". Not yet scored: " + (t.count - t.scored) + ".";
      ui.chart.textContent = "";
      set.rows.forEach(function (principle) {
        var answer = answerOf(a, principle.id);
        var item = el("li", { "class": "kb-cl-chart__item" });
        item.appendChild(el("span", { "class": "kb-cl-chart__label" }, rowName(a, principle)));
        item.appendChild(bar(answer.score));
        item.appendChild(el("span", { "class": "kb-cl-chart__value" }, answer.score === null ? "not yet scored" : answer.score + " of 2"));
        ui.chart.appendChild(item);
      });
    }

    function renderCompare() {
      if (!resultsRoot) return;
      var chosenA = ui.compareA.value || state.current;
      fill(ui.compareA, state.assessments, chosenA);
      var a = byId(ui.compareA.value);
      var others = state.assessments.filter(function (x) { return a && x !== a && x.set === a.set; });
      var chosenB = ui.compareB.value;
      if (!others.some(function (x) { return x.id === chosenB; })) chosenB = others.length ? others[others.length - 1].id : "";
      fill(ui.compareB, others, chosenB, others.length ? null : "No other assessment against these principles");
      ui.compareB.disabled = !others.length;
      var b = byId(ui.compareB.value);
      ui.compareTable.textContent = "";
      if (!a || !b) {
        ui.compareTable.hidden = true;
        ui.compareNote.textContent = "To compare, create a second assessment against the " + (a ? setOf(a).title : "same principles") + " (New assessment, above) or import one a partner exported.";
        return;
      }
      ui.compareNote.textContent = "Difference is the second assessment's score minus the first's.";
      ui.compareTable.hidden = false;
      var caption = el("caption", {}, "Scores in “" + a.name + "” and “" + b.name + "”, principle by principle");
      ui.compareTable.appendChild(caption);
      var head = el("thead");
      var headRow = el("tr");
      headRow.appendChild(el("th", { scope: "col" }, "Principle"));
      headRow.appendChild(el("th", { scope: "col" }, a.name));
      headRow.appendChild(el("th", { scope: "col" }, b.name));
      headRow.appendChild(el("th", { scope: "col" }, "Difference"));
      head.appendChild(headRow);
      ui.compareTable.appendChild(head);
      var body = el("tbody");
      var set = setOf(a);
      var ta = totals(a);
      var tb = totals(b);
      set.rows.forEach(function (principle) {
        var x = answerOf(a, principle.id).score;
        var y = answerOf(b, principle.id).score;
        var row = el("tr");
        row.appendChild(el("th", { scope: "row" }, rowName(a, principle)));
        [x, y].forEach(function (score) {
          var cell = el("td", { "class": "kb-cl-compare__score" });
          cell.appendChild(el("span", { "class": "kb-cl-compare__value" }, score === null ? "not scored" : String(score)));
          cell.appendChild(bar(score));
          row.appendChild(cell);
        });
        row.appendChild(el("td", { "class": "kb-cl-compare__diff" }, difference(x, y)));
        body.appendChild(row);
      });
      ui.compareTable.appendChild(body);
      var foot = el("tfoot");
      var footRow = el("tr");
      footRow.appendChild(el("th", { scope: "row" }, "Total"));
      footRow.appendChild(el("td", {}, ta.total + " of " + ta.max + " (" + ta.scored + " scored)"));
      footRow.appendChild(el("td", {}, tb.total + " of " + tb.max + " (" + tb.scored + " scored)"));
      footRow.appendChild(el("td", { "class": "kb-cl-compare__diff" }, difference(ta.total, tb.total)));
      foot.appendChild(footRow);
      ui.compareTable.appendChild(foot);
    }

    function difference(x, y) {
      if (x === null || y === null) return "not scored in both";
      var d = y - x;
      if (d === 0) return "0 (same)";
      return (d > 0 ? "+" + d + " (higher)" : "−" + (-d) + " (lower)");
    }

    function renderOverview() {
      if (!resultsRoot) return;
      ui.overview.textContent = "";
      ui.overview.appendChild(el("caption", {}, "Totals of every assessment kept in this browser"));
      var head = el("thead");
      var row = el("tr");
      ["Assessment", "Principles", "Total", "Scored", "Last changed"].forEach(function (text) { row.appendChild(el("th", { scope: "col" }, text)); });
      head.appendChild(row);
      ui.overview.appendChild(head);
      var body = el("tbody");
      state.assessments.forEach(function (a) {
        var t = totals(a);
        var tr = el("tr");
        var name = el("th", { scope: "row" }, a.name);
        if (a.id === current().id) name.appendChild(el("span", { "class": "kb-cl-current-mark" }, " (working on)"));
        tr.appendChild(name);
        tr.appendChild(el("td", {}, setOf(a).title));
        tr.appendChild(el("td", {}, t.total + " of " + t.max));
        tr.appendChild(el("td", {}, t.scored + " of " + t.count));
        tr.appendChild(el("td", {}, new Date(a.updated).toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" })));
        body.appendChild(tr);
      });
      ui.overview.appendChild(body);
    }

    function renderResults() {
      renderSummary();
      renderOverview();
      renderCompare();
    }

    // ---- the whole page

    function renderRow(principle, assessment) {
      var answer = answerOf(assessment, principle.id);
      var value = answer.score === null ? "none" : String(answer.score);
      Object.keys(principle.radios).forEach(function (key) { principle.radios[key].checked = key === value; });
      // Never overwrite the box someone is typing in (another tab's change waits until they leave it).
      if (document.activeElement !== principle.textarea && principle.textarea.value !== answer.comment) {
        principle.textarea.value = answer.comment;
      }
      principle.printScore.textContent = answer.score === null ? "Not yet scored" : "Score " + answer.score + " — " + scoreText[answer.score];
      principle.printComment.textContent = answer.comment;
      if (principle.elementInput) {
        if (document.activeElement !== principle.elementInput && principle.elementInput.value !== (answer.element || "")) {
          principle.elementInput.value = answer.element || "";
        }
        principle.printElement.textContent = principle.number + ". " + (answer.element || "");
      }
    }

    function render() {
      var assessment = current();
      fill(ui.select, state.assessments, state.current);
      model.sets.forEach(function (set) {
        var active = set.id === assessment.set;
        set.table.classList.toggle("kb-cl-active", active);
        set.table.classList.toggle("kb-cl-inactive", !active);
        set.before.forEach(function (node) { node.classList.toggle("kb-cl-inactive", !active); });
        set.note.hidden = active;
        set.printName.hidden = !active;
        set.printName.textContent = "Assessment: " + assessment.name;
        set.noteText.textContent = "“" + assessment.name + "” is an assessment against the " + setOf(assessment).title +
          ", so this table has no score or comment boxes. To score these principles, start a new assessment with them.";
        set.rows.forEach(function (principle) {
          principle.fieldset.hidden = !active;
          principle.commentWrap.hidden = !active;
          principle.printScore.hidden = !active;
          principle.printComment.hidden = !active;
          if (active) renderRow(principle, assessment);
        });
      });
      renderResults();
    }

    function buildSetNotes() {
      model.sets.forEach(function (set) {
        // The heading, quote and paragraphs that introduce the table: printed only with it.
        set.before = [];
        var node = set.table.previousElementSibling;
        while (node && node.tagName !== "H2") { set.before.push(node); node = node.previousElementSibling; }
        if (node) set.before.push(node);
        set.note = el("div", { "class": "kb-cl-set-note", hidden: true });
        set.noteText = el("p", {});
        set.note.appendChild(set.noteText);
        var start = button("New assessment against these principles");
        start.addEventListener("click", function () { openNew(set.id, start); });
        set.note.appendChild(start);
        set.table.parentNode.insertBefore(set.note, set.table);
        set.printName = el("p", { "class": "kb-cl-print-only kb-cl-print-name" });
        set.table.parentNode.insertBefore(set.printName, set.table);
      });
    }

    var problem = load();
    buildPanel();
    buildSetNotes();
    buildRowControls();
    buildResults();
    document.documentElement.classList.add("kb-cl-enhanced");
    render();
    if (saved) ui.savedAt.textContent = "Your assessments are saved in this browser.";
    if (!storage) alertMessage("This browser is not letting the page save anything (storage is turned off or full), so your answers will be lost when you leave. Export your assessment to keep it.");
    else if (problem) alertMessage("Some saved data could not be read and was left out: " + problem + " A copy was kept in this browser.");

    window.addEventListener("pagehide", flushComments);
    window.addEventListener("storage", function (event) {
      if (event.key !== storageKey) return;
      load();
      render();
      announce("Updated from another tab or window.");
    });
  }

  function init() {
    var root = document.querySelector("[data-kb-checklist]");
    if (!root || root.hasAttribute("data-kb-ready")) return;
    setUp(root);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  }
})();

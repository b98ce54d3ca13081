// Link previews: hovering, focusing or (on a touch screen) first tapping a link to a record
// shows its title and summary. Escape closes it; the preview stays while the pointer is over it.
// Data comes from this site's own data/previews.json: nothing is fetched from elsewhere.
(function () {
  "use strict";

  var script = document.currentScript;
  var root = new URL("..", script ? script.src : window.location.href); // assets/ -> site root
  var previews = null;
  var tip = null;
  var owner = null;
  var hideTimer = null;
  var touchArmed = null;

  function load() {
    if (previews) return Promise.resolve(previews);
    return fetch(new URL("data/previews.json", root))
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (data) { previews = data; return data; })
      .catch(function () { previews = {}; return previews; });
  }

  function keyFor(link) {
    var url = new URL(link.getAttribute("href"), window.location.href);
    if (url.origin !== root.origin || url.pathname.indexOf(root.pathname) !== 0) return null;
    var path = url.pathname.slice(root.pathname.length);
    if (path === window.location.pathname.slice(root.pathname.length) && !url.hash) return null;
    return path + url.hash;
  }

  function element() {
    if (tip) return tip;
    tip = document.createElement("div");
    tip.className = "kb-preview";
    tip.id = "kb-preview";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    tip.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(tip);
    return tip;
  }

  function show(link) {
    var key = keyFor(link);
    if (!key) return;
    load().then(function (data) {
      var entry = data[key] || data[key.split("#")[0]];
      if (!entry) return;
      clearTimeout(hideTimer);
      var box = element();
      box.textContent = "";
      var kind = document.createElement("span");
      kind.className = "kb-preview__kind";
      kind.textContent = entry.kind;
      var title = document.createElement("strong");
      title.className = "kb-preview__title";
      title.textContent = entry.title;
      var summary = document.createElement("span");
      summary.className = "kb-preview__summary";
      summary.textContent = entry.summary;
      box.append(kind, title, summary);
      var rect = link.getBoundingClientRect();
      box.style.left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - 340)) + "px";
      box.style.top = rect.bottom + window.scrollY + 6 + "px";
      box.hidden = false;
      if (owner && owner !== link) owner.removeAttribute("aria-describedby");
      owner = link;
      link.setAttribute("aria-describedby", box.id);
    });
  }

  function hide() {
    if (tip) tip.hidden = true;
    if (owner) owner.removeAttribute("aria-describedby");
    owner = null;
    touchArmed = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  }

  function previewable(target) {
    var link = target && target.closest ? target.closest(".md-content a[href]") : null;
    return link && !link.closest(".headerlink") && keyFor(link) ? link : null;
  }

  // With this script running, the preview replaces the browser's own title tooltip on term links.
  document.querySelectorAll(".md-content a.kb-term[title]").forEach(function (link) {
    link.removeAttribute("title");
  });

  document.addEventListener("mouseover", function (event) {
    var link = previewable(event.target);
    if (link) show(link);
  });
  document.addEventListener("mouseout", function (event) {
    if (previewable(event.target)) scheduleHide();
  });
  document.addEventListener("focusin", function (event) {
    var link = previewable(event.target);
    link ? show(link) : hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
  // Touch: the first tap on a record link shows its preview, a second tap follows it.
  document.addEventListener("pointerdown", function (event) {
    if (event.pointerType !== "touch") return;
    var link = previewable(event.target);
    if (!link) { hide(); return; }
    if (touchArmed !== link) {
      touchArmed = link;
      link.addEventListener("click", function stop(click) { click.preventDefault(); }, { once: true });
      show(link);
    }
  });
})();

// Every cited span is already a <mark data-cites="n ..."> in the page (html.py cuts them from
// the citations' offsets). Clicking a citation lights its marks; selecting a story lights every
// mark it cites; a mark links back to the claims that cite it. The script only toggles classes:
// it never slices text or sets markup, so nothing from an article is ever parsed as HTML.
(function () {
  "use strict";
  var marks = Array.prototype.slice.call(document.querySelectorAll("#reader mark[data-cites]"));
  marks.forEach(function (m) { m.cites = m.dataset.cites.split(" "); });
  var panels = Array.prototype.slice.call(document.querySelectorAll("#reader .source"));

  function unmark(selector, cls) {
    document.querySelectorAll(selector).forEach(function (el) { el.classList.remove(cls); });
  }

  // Light the marks of these citation numbers (and only them); returns them in page order.
  function highlight(numbers) {
    var wanted = {}, lit = [];
    numbers.forEach(function (n) { wanted[String(n)] = true; });
    unmark("mark.current", "current");
    marks.forEach(function (m) {
      var hit = m.cites.some(function (n) { return wanted[n]; });
      m.classList.toggle("on", hit);
      if (hit) lit.push(m);
    });
    panels.forEach(function (panel) {
      panel.classList.toggle("selected", lit.some(function (m) { return panel.contains(m); }));
    });
    return lit;
  }

  // Into view, centred: beside the briefing (a wide window) only the source pane scrolls, so
  // the briefing stays where the reader is; stacked (a phone), the page scrolls to it.
  function reveal(el) {
    var pane = document.getElementById("reader");
    if (pane && pane.contains(el) && getComputedStyle(pane).position === "sticky") {
      var r = el.getBoundingClientRect(), p = pane.getBoundingClientRect();
      pane.scrollTop += r.top - p.top - Math.max(0, (pane.clientHeight - r.height) / 2);
    } else {
      el.scrollIntoView({ block: "center" });
    }
  }

  function clearBriefing() {
    unmark("a.cite.active", "active");
    unmark(".citing", "citing");
    unmark(".story.selected", "selected");
    document.querySelectorAll(".story-list a[aria-current]").forEach(function (a) { a.removeAttribute("aria-current"); });
  }

  function showCitation(n, link) {
    clearBriefing();
    if (link) link.classList.add("active");
    var lit = highlight([n]);
    if (lit.length) reveal(lit[0]);
    history.replaceState(null, "", "#cite-" + n);
  }

  function showStory(rank) {
    var story = document.getElementById("story-" + rank);
    if (!story) return;
    clearBriefing();
    story.classList.add("selected");
    var item = document.querySelector('.story-list a[data-story="' + rank + '"]');
    if (item) item.setAttribute("aria-current", "true");
    var numbers = (story.dataset.citations || "").split(" ").filter(Boolean);
    var lit = highlight(numbers);
    story.scrollIntoView({ block: "start" });
    if (lit.length) reveal(lit[0]);
    history.replaceState(null, "", "#story-" + rank);
  }

  // A marked span links back: to every claim in the briefing that cites it, or, for a number
  // no claim shows, to its entry in the citation list.
  function showCiting(mark) {
    unmark("a.cite.active", "active");
    unmark(".citing", "citing");
    unmark("mark.current", "current");
    mark.classList.add("current");
    var citing = [];
    mark.cites.forEach(function (n) {
      var links = document.querySelectorAll('#briefing a.cite[data-n="' + n + '"]');
      var claims = 0;
      links.forEach(function (link) {
        link.classList.add("active");
        var claim = link.closest(".story-list li, .citations li") ? null : link.closest("li, p, h3, h4");
        if (claim) { citing.push(claim); claims++; }
      });
      if (!claims) { var entry = document.getElementById("cite-" + n); if (entry) citing.push(entry); }
    });
    citing.forEach(function (el) { el.classList.add("citing"); });
    if (citing.length) reveal(citing[0]);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.cite");
    if (link) { event.preventDefault(); showCitation(link.dataset.n, link); return; }
    var item = event.target.closest("a[data-story]");
    var heading = event.target.closest(".story > h3");
    if (item || heading) {
      event.preventDefault();
      showStory(item ? item.dataset.story : heading.parentElement.id.slice("story-".length));
      return;
    }
    var mark = event.target.closest("#reader mark[data-cites]");
    if (mark) showCiting(mark);
  });

  document.addEventListener("keydown", function (event) {
    var mark = event.target.closest && event.target.closest("#reader mark[data-cites]");
    if (mark && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); showCiting(mark); }
  });

  // A link to #cite-N or #story-N opens the page with that selection made.
  var hash = /^#(cite|story)-(\d+)$/.exec(location.hash);
  if (hash && hash[1] === "cite") showCitation(hash[2], null);
  if (hash && hash[1] === "story") showStory(hash[2]);
})();

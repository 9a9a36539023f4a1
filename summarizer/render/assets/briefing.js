// Clicking a citation shows its source article with the exact cited span highlighted;
// selecting a story highlights every span it cites; a highlighted span links back to the
// claims that cite it.
// Article text is only ever set through textContent: nothing from an article is parsed as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("briefing-data").textContent);

  // The page's offsets (data-start/data-end, the boilerplate in briefing-data) are Python code
  // points, as in the JSON briefing, but String.slice counts UTF-16 units, in which an emoji
  // or a letter such as U+1D400 counts two. This is the one place they are converted: each
  // source text gets, once at load, an index from code point to UTF-16 unit, and every slice
  // below uses converted offsets only.
  function unitIndex(text) {
    var index = [0], units = 0;
    for (var ch of text) { units += ch.length; index.push(units); } // for...of walks code points
    return index;
  }

  // [start, end) in code points -> in UTF-16 units; null when outside the text, so a bad
  // offset highlights nothing rather than the wrong words.
  function toUnits(source, start, end) {
    var a = source.units[start], b = source.units[end];
    return a === undefined || b === undefined ? null : [a, b];
  }

  Object.keys(data.sources).forEach(function (key) {
    var source = data.sources[key];
    source.units = unitIndex(source.text);
    source.boilerplate = source.boilerplate
      .map(function (b) { return toUnits(source, b[0], b[1]); })
      .filter(function (b) { return b !== null; });
  });

  // Each source's marks, as [{n, start, end}] in UTF-16 units: the article is redrawn around
  // them. Overlapping spans split into pieces; a run of pieces cited by the same numbers is
  // one <mark data-cites="...">, so distinct spans are distinct marks.
  function render(sourceN, spans) {
    var source = data.sources[String(sourceN)];
    var box = document.querySelector('.source[data-source="' + sourceN + '"] .text');
    if (!source || !box) return [];
    var cuts = [0, source.text.length];
    spans.forEach(function (s) { cuts.push(s.start, s.end); });
    source.boilerplate.forEach(function (b) { cuts.push(b[0], b[1]); });
    cuts = cuts.filter(function (c, i, all) { return all.indexOf(c) === i; }).sort(function (a, b) { return a - b; });
    box.textContent = "";
    var marks = [], mark = null, markKey = "";
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      var key = spans.filter(function (s) { return a >= s.start && b <= s.end; })
        .map(function (s) { return s.n; })
        .filter(function (n, j, all) { return all.indexOf(n) === j; })
        .sort(function (x, y) { return x - y; }).join(" ");
      var inBoiler = source.boilerplate.some(function (s) { return a >= s[0] && b <= s[1]; });
      var node = document.createTextNode(source.text.slice(a, b));
      if (inBoiler) { var grey = document.createElement("span"); grey.className = "boilerplate"; grey.appendChild(node); node = grey; }
      if (!key) { mark = null; box.appendChild(node); continue; }
      if (!mark || key !== markKey) {
        mark = document.createElement("mark");
        mark.dataset.cites = key;
        mark.tabIndex = 0;
        mark.title = "Cited by [" + key.split(" ").join("], [") + "]: select to see where";
        box.appendChild(mark);
        marks.push(mark);
        markKey = key;
      }
      mark.appendChild(node);
    }
    return marks;
  }

  // Citation numbers -> the spans to mark, grouped by source; unknown numbers are skipped.
  function highlight(numbers) {
    var bySource = {}, marks = [];
    numbers.forEach(function (n) {
      var c = data.citations[String(n)], source = c && data.sources[String(c[0])];
      var span = source && toUnits(source, c[1], c[2]);
      if (!span) return;
      (bySource[c[0]] = bySource[c[0]] || []).push({ n: n, start: span[0], end: span[1] });
    });
    Object.keys(data.sources).forEach(function (key) {
      var spans = bySource[key] || [];
      if (spans.length || drawn[key]) marks = marks.concat(render(key, spans));
      drawn[key] = spans.length > 0;
      var panel = document.querySelector('.source[data-source="' + key + '"]');
      if (panel) panel.classList.toggle("selected", spans.length > 0);
    });
    return marks;
  }
  var drawn = {};

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

  function unmark(selector, cls) {
    document.querySelectorAll(selector).forEach(function (el) { el.classList.remove(cls); });
  }

  function clearBriefing() {
    unmark("a.cite.active", "active");
    unmark(".citing", "citing");
    unmark(".story.selected", "selected");
    document.querySelectorAll(".story-list a[aria-current]").forEach(function (a) { a.removeAttribute("aria-current"); });
  }

  function showCitation(link) {
    clearBriefing();
    link.classList.add("active");
    var marks = highlight([Number(link.dataset.n)]);
    if (marks.length) reveal(marks[0]);
    history.replaceState(null, "", "#cite-" + link.dataset.n);
  }

  function showStory(rank) {
    var story = document.getElementById("story-" + rank);
    if (!story) return;
    clearBriefing();
    story.classList.add("selected");
    var item = document.querySelector('.story-list a[data-story="' + rank + '"]');
    if (item) item.setAttribute("aria-current", "true");
    var numbers = (story.dataset.citations || "").split(" ").filter(Boolean).map(Number);
    var marks = highlight(numbers);
    story.scrollIntoView({ block: "start" });
    if (marks.length) reveal(marks[0]);
    history.replaceState(null, "", "#story-" + rank);
  }

  // A highlighted span links back: to every claim in the briefing that cites it, or, for a
  // number no claim shows, to its entry in the citation list.
  function showCiting(mark) {
    unmark("a.cite.active", "active");
    unmark(".citing", "citing");
    unmark("mark.current", "current");
    mark.classList.add("current");
    var citing = [];
    mark.dataset.cites.split(" ").forEach(function (n) {
      var links = document.querySelectorAll('#briefing a.cite[data-n="' + n + '"]');
      links.forEach(function (link) {
        link.classList.add("active");
        var claim = link.closest(".story-list li") ? null : link.closest("li, p, h3, h4");
        if (claim) citing.push(claim);
      });
      if (!links.length) { var entry = document.getElementById("cite-" + n); if (entry) citing.push(entry); }
    });
    citing.forEach(function (el) { el.classList.add("citing"); });
    if (citing.length) reveal(citing[0]);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.cite");
    if (link) { event.preventDefault(); showCitation(link); return; }
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
})();

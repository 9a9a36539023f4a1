// Clicking a citation shows its source article with the exact cited span highlighted.
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

  function render(sourceN, cpStart, cpEnd) {
    var source = data.sources[String(sourceN)];
    var box = document.querySelector('.source[data-source="' + sourceN + '"] .text');
    var span = source && toUnits(source, cpStart, cpEnd);
    if (!span || !box) return null;
    var start = span[0], end = span[1];
    var cuts = [0, source.text.length, start, end];
    source.boilerplate.forEach(function (b) { cuts.push(b[0], b[1]); });
    cuts = cuts.filter(function (c, i, all) { return all.indexOf(c) === i; }).sort(function (a, b) { return a - b; });
    box.textContent = "";
    var mark = null;
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1], piece = source.text.slice(a, b);
      var inMark = a >= start && b <= end;
      var inBoiler = source.boilerplate.some(function (s) { return a >= s[0] && b <= s[1]; });
      var node = document.createTextNode(piece);
      if (inBoiler) { var grey = document.createElement("span"); grey.className = "boilerplate"; grey.appendChild(node); node = grey; }
      if (inMark) {
        if (!mark) { mark = document.createElement("mark"); box.appendChild(mark); }
        mark.appendChild(node);
      } else { box.appendChild(node); }
    }
    return mark;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.cite");
    if (!link) return;
    event.preventDefault();
    document.querySelectorAll("a.cite.active, .source.selected").forEach(function (el) { el.classList.remove("active", "selected"); });
    link.classList.add("active");
    var n = Number(link.dataset.source);
    var mark = render(n, Number(link.dataset.start), Number(link.dataset.end));
    var panel = document.querySelector('.source[data-source="' + n + '"]');
    if (panel) panel.classList.add("selected");
    if (mark) mark.scrollIntoView({ block: "center" });
    history.replaceState(null, "", "#cite-" + link.dataset.n);
  });
})();

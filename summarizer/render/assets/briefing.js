// Clicking a citation shows its source article with the exact cited span highlighted.
// Article text is only ever set through textContent: nothing from an article is parsed as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("briefing-data").textContent);

  function render(sourceN, start, end) {
    var source = data.sources[String(sourceN)];
    var box = document.querySelector('.source[data-source="' + sourceN + '"] .text');
    if (!source || !box) return null;
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
        if (!mark) { mark = document.createElement("mark"); mark.dataset.start = a; box.appendChild(mark); }
        mark.appendChild(node); mark.dataset.end = b;
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

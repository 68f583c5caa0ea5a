// Document page: a click (or Enter) on a highlighted record shows its fields in the side panel.
// All text is set with textContent: nothing from a document becomes markup.
(function () {
  "use strict";
  var holder = document.getElementById("records-data");
  var panel = document.getElementById("detail-body");
  if (!holder || !panel) return;
  var data = JSON.parse(holder.textContent);
  var byId = {};
  data.records.forEach(function (r) { byId[r.record_id] = r; });
  var COMPARATORS = { ">=": "不低于", "<=": "不高于", "~": "左右", "=": "等于", "range": "区间" };

  function num(x) {
    if (x === null || x === undefined) return "";
    return Number.isInteger(x) ? String(x) : String(Math.round(x * 1e6) / 1e6);
  }
  function amount(r) {
    if (r.value_max !== null && r.value_max !== undefined) return num(r.value) + "–" + num(r.value_max) + r.unit;
    return num(r.value) + r.unit;
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function card(r) {
    var box = el("div", null, "rec-card");
    box.setAttribute("data-record", r.record_id);
    var head = el("p");
    head.appendChild(el("span", data.labels.kinds[r.kind] || r.kind, "badge k-" + r.kind));
    head.appendChild(document.createTextNode(" 记录 " + r.record_id));
    box.appendChild(head);
    var dl = el("dl");
    var rows = [
      ["指标", r.indicator + (r.canonical && r.canonical !== r.indicator ? "（" + r.canonical + "）" : "")],
      ["数值", num(r.value) + (r.value_max !== null && r.value_max !== undefined ? "–" + num(r.value_max) : "")],
      ["单位", r.unit],
      ["比较", (COMPARATORS[r.comparator] || r.comparator) + "（" + r.comparator + "）"],
      ["口径", data.labels.measures[r.measure] || r.measure],
      ["年份", r.year === null ? "未写明" : String(r.year)],
      ["原文", r.quote],
    ];
    rows.forEach(function (pair) {
      dl.appendChild(el("dt", pair[0]));
      dl.appendChild(el("dd", pair[1], "f-" + pair[0]));
    });
    box.appendChild(dl);
    var link = data.links[String(r.record_id)] || {};
    if (r.kind === "target" && data.region) {
      var verdict = el("a", "判定：" + (data.labels.verdicts[link.verdict] || "查看") + " ›", "verdict-link");
      verdict.href = window.mubiaoLink("/verdicts/" + r.record_id);
      box.appendChild(verdict);
      if (link.outcome_record_id) {
        var outcome = el("a", "对照的完成情况 ›", "outcome-link");
        outcome.href = link.outcome_document_id === data.document_id ? "#r" + link.outcome_record_id
          : window.mubiaoLink("/documents/" + link.outcome_document_id, "r" + link.outcome_record_id);
        box.appendChild(document.createTextNode(" "));
        box.appendChild(outcome);
      }
    } else if (r.kind === "achievement") {
      if (link.judged && link.judged.length) {
        box.appendChild(el("p", "用这条完成情况判定的目标：", "hint"));
        var list = el("ul", null, "judged");
        link.judged.forEach(function (t) {
          var item = el("li");
          item.appendChild(el("span", data.labels.verdicts[t.verdict] || t.verdict, "badge v-" + t.verdict.replace(" ", "-")));
          var a = el("a", " " + t.quote.slice(0, 40), "target-link");
          a.href = window.mubiaoLink("/verdicts/" + t.record_id);
          item.appendChild(a);
          list.appendChild(item);
        });
        box.appendChild(list);
      } else {
        box.appendChild(el("p", "完成情况用来判定以前的目标；这一条还没有对应的目标。", "hint"));
      }
    }
    return box;
  }
  function show(mark) {
    document.querySelectorAll("mark.rec.selected").forEach(function (m) { m.classList.remove("selected"); });
    mark.classList.add("selected");
    panel.textContent = "";
    document.getElementById("details").classList.add("open");
    mark.getAttribute("data-records").split(" ").forEach(function (id) {
      var r = byId[id];
      if (r) panel.appendChild(card(r));
    });
  }
  var close = document.getElementById("detail-close");
  if (close) close.addEventListener("click", function () { document.getElementById("details").classList.remove("open"); });
  var text = document.getElementById("doctext");
  text.addEventListener("click", function (ev) {
    var mark = ev.target.closest("mark.rec");
    if (mark) show(mark);
  });
  // A link to #r{record id} (a verdict's 出处, the records table, a chart point) lands on the passage:
  // the anchor sits before the record's first mark; the mark is selected, flashed and its fields shown.
  function goTo(hash) {
    var wanted = /^#r(\d+)$/.exec(hash);
    if (!wanted) return;
    var found = Array.prototype.find.call(document.querySelectorAll("mark.rec"), function (m) {
      return m.getAttribute("data-records").split(" ").indexOf(wanted[1]) >= 0;
    });
    if (!found) return;
    show(found);
    found.classList.remove("flash");
    void found.offsetWidth;
    found.classList.add("flash");
    found.scrollIntoView({ block: "center" });
  }
  goTo(window.location.hash);
  window.addEventListener("hashchange", function () { goTo(window.location.hash); });
  text.addEventListener("keydown", function (ev) {
    if ((ev.key === "Enter" || ev.key === " ") && ev.target.matches("mark.rec")) { ev.preventDefault(); show(ev.target); }
  });
})();

// Charts of the dashboard, drawn with the vendored ECharts (static/vendor/echarts).
// Overview: the verdict summary (fetched from /api/verdicts/summary).
// Tracker: one chart per indicator and measure, from the JSON in #chart-data.
(function () {
  "use strict";
  if (typeof echarts === "undefined") return;
  // The verdicts' names and colours come from the page (labels.VERDICTS, labels.VERDICT_COLORS): one legend everywhere.
  var legendNode = document.getElementById("verdict-legend") || document.getElementById("chart-data");
  var LEGEND = legendNode ? JSON.parse(legendNode.textContent) : {};
  LEGEND = LEGEND.legend || LEGEND;
  var VERDICTS = LEGEND.verdicts || {}, COLORS = LEGEND.colors || {};
  var FONT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  var charts = [];
  window.mubiaoCharts = charts;

  // The overview's pie: from the JSON in the page when the verdicts are computed, else from the API.
  // A click on a slice opens the list of those verdicts (the link of the same verdict in the legend below).
  function summary(node) {
    var embedded = document.getElementById("summary-data");
    var load = embedded ? Promise.resolve(JSON.parse(embedded.textContent))
      : fetch(node.getAttribute("data-src"), { headers: { "Accept": "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
    load.then(function (data) {
        node.textContent = "";
        var chart = echarts.init(node, null, { renderer: "canvas" });
        var names = Object.keys(VERDICTS);
        var narrow = node.clientWidth < 480;
        chart.setOption({
          textStyle: { fontFamily: FONT },
          tooltip: { trigger: "item", formatter: "{b}：{c} 个（{d}%）" },
          legend: { bottom: 0, type: "scroll" },
          series: [{
            type: "pie", radius: narrow ? ["30%", "55%"] : ["38%", "68%"], center: ["50%", "45%"], avoidLabelOverlap: true,
            label: { formatter: "{b}\n{c}", overflow: "none" }, labelLine: { length: 8, length2: 6 },
            data: names.map(function (k) { return { name: VERDICTS[k], value: data.total[k] || 0, code: k, itemStyle: { color: COLORS[k] } }; })
              .filter(function (d) { return d.value > 0; }),
          }],
        });
        chart.on("click", function (item) {
          var link = item.data && document.querySelector('a.verdict-count[data-verdict="' + item.data.code + '"]');
          if (link) window.location.href = link.href;
        });
        node.style.cursor = "pointer";
        charts.push(chart);
        node.setAttribute("data-rendered", "1");
      })
      .catch(function (err) { node.textContent = "判定统计暂时无法显示（" + err.message + "）。"; });
  }

  function fmt(x) { return Number.isInteger(x) ? String(x) : String(Math.round(x * 1000) / 1000); }

  // One indicator and measure: every figure is drawn. Targets are diamonds in their verdict's colour (one legend
  // entry per verdict), with what meets them as a band: a range, 左右 ± its tolerance, an arrow for a floor (以上)
  // or a ceiling (以内). Outcomes: annual figures as a line, multi-year averages (年均, with their period) as
  // separate squares; two figures of one year are both shown.
  function tracker(spec, node, legend) {
    var chart = echarts.init(node, null, { renderer: "canvas" });
    var colors = legend.colors, names = legend.verdicts;
    var all = spec.targets.concat(spec.outcomes);
    var xs = all.map(function (p) { return p.year; });
    var ys = [];
    all.forEach(function (p) { ys.push(p.value); if (p.value_max !== null && p.value_max !== undefined) ys.push(p.value_max); });
    spec.targets.forEach(function (p) { if (p.low !== null) ys.push(p.low); if (p.high !== null) ys.push(p.high); });
    var xmin = Math.min.apply(null, xs), xmax = Math.max.apply(null, xs);
    var ymin = Math.min.apply(null, ys), ymax = Math.max.apply(null, ys), pad = (ymax - ymin) * 0.15 || Math.abs(ymax) * 0.1 || 1;
    function period(p) { return p.period_start ? p.period_start + "–" + p.year + "年年均" : p.year + "年"; }
    function item(p, kind, offset) { return { value: [p.year + (offset || 0), p.value], p: p, kind: kind }; }
    var series = [];
    Object.keys(names).forEach(function (code) {
      var points = spec.targets.filter(function (p) { return p.verdict === code; });
      if (!points.length) return;
      series.push({ name: "目标 · " + names[code], type: "scatter", symbol: "diamond", symbolSize: 16, z: 4,
        itemStyle: { color: colors[code], borderColor: "#333", borderWidth: 1 },
        data: points.map(function (p) { return item(p, "target", -0.12); }) });
    });
    var bands = spec.targets.map(function (p) {
      var low = p.low === null ? ymin - pad : p.low, high = p.high === null ? ymax + pad : p.high;
      return [{ coord: [p.year - 0.3, low], itemStyle: { color: colors[p.verdict] || "#999", opacity: 0.16 } }, { coord: [p.year + 0.3, high] }];
    });
    var annual = spec.outcomes.filter(function (p) { return !p.period_start; }).sort(function (a, b) { return a.year - b.year; });
    var average = spec.outcomes.filter(function (p) { return p.period_start; });
    series.push({ name: legend.annual, type: "line", symbol: "circle", symbolSize: 9, z: 3, itemStyle: { color: "#0d47a1" },
      lineStyle: { width: 2 }, data: annual.map(function (p) { return item(p, "outcome", 0.12); }),
      markArea: { silent: true, data: bands } });
    if (average.length) series.push({ name: legend.average, type: "scatter", symbol: "rect", symbolSize: 10, z: 3,
      itemStyle: { color: "#6a1b9a" }, data: average.map(function (p) { return item(p, "outcome", 0.24); }) });
    chart.setOption({
      textStyle: { fontFamily: FONT },
      title: { text: spec.title, subtext: "单位：" + spec.unit + "；横轴：数字所指的年份", left: 0, top: 0,
        textStyle: { fontSize: 14, width: node.clientWidth - 10, overflow: "truncate" }, subtextStyle: { fontSize: 12 } },
      grid: { left: 56, right: 16, top: 72, bottom: 64 },
      tooltip: {
        trigger: "item", confine: true,
        formatter: function (it) {
          var p = it.data && it.data.p;
          if (!p) return "";
          var enc = echarts.format.encodeHTML;
          var value = fmt(p.value) + (p.value_max !== null && p.value_max !== undefined ? "–" + fmt(p.value_max) : "") + " " + spec.unit;
          var head = (it.data.kind === "target" ? "目标（" + (legend.comparators[p.comparator] || p.comparator) + "）" : "完成情况") + " · " + period(p);
          var verdict = p.verdict ? "<br>判定：" + enc(names[p.verdict] || p.verdict) : "";
          return enc(head + "：" + value) + verdict + "<br><small>" + enc(p.quote.slice(0, 60)) + "</small>";
        },
      },
      legend: { bottom: 0, left: 0, type: "scroll", textStyle: { fontSize: 11 } },
      xAxis: { type: "value", min: xmin - 1, max: xmax + 1, interval: xmax - xmin > 14 ? 2 : 1, name: "年",
        axisLabel: { formatter: function (v) { return Number.isInteger(v) ? String(v) : ""; }, hideOverlap: true }, splitLine: { show: false } },
      yAxis: { type: "value", name: spec.unit, min: function () { return +(ymin - pad).toPrecision(3); },
        max: function () { return +(ymax + pad).toPrecision(3); },
        axisLabel: { hideOverlap: true, showMinLabel: false, showMaxLabel: false } },
      series: series,
    });
    chart.on("click", function (it) {
      var p = it.data && it.data.p;
      if (p && it.data.kind === "target" && p.record_id) window.location.href = window.mubiaoLink("/verdicts/" + p.record_id);
      else if (p && p.document_id) window.location.href = window.mubiaoLink("/documents/" + p.document_id, "r" + p.record_id);
    });
    charts.push(chart);
    node.setAttribute("data-rendered", "1");
  }

  var s = document.getElementById("summary-chart");
  if (s) summary(s);
  var holder = document.getElementById("chart-data");
  if (holder) {
    var data = JSON.parse(holder.textContent);
    var byId = {};
    data.charts.forEach(function (c) { byId[c.id] = c; });
    document.querySelectorAll("[data-chart]").forEach(function (node) {
      var spec = byId[node.getAttribute("data-chart")];
      if (spec && (spec.targets.length || spec.outcomes.length)) tracker(spec, node, data.legend);
      else node.textContent = "这个口径没有可画的数（单位不一致或缺少年份）。";
    });
  }
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();

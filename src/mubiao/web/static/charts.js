// Charts of the dashboard, drawn with the vendored ECharts (static/vendor/echarts).
// Overview: the verdict summary (fetched from /api/verdicts/summary).
// Tracker: one chart per indicator and measure, from the JSON in #chart-data.
(function () {
  "use strict";
  if (typeof echarts === "undefined") return;
  var VERDICTS = { "met": "已完成", "missed": "未完成", "on track": "进展顺利", "off track": "进度滞后", "pending": "尚未到期", "awaiting report": "待报告", "no data": "暂无数据" };
  var COLORS = { "met": "#2e7d32", "missed": "#c62828", "on track": "#1565c0", "off track": "#ef6c00", "pending": "#757575", "awaiting report": "#8d6e63", "no data": "#bdbdbd" };
  var FONT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  var charts = [];
  window.mubiaoCharts = charts;

  function summary(node) {
    fetch(node.getAttribute("data-src"), { headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        node.textContent = "";
        var chart = echarts.init(node, null, { renderer: "canvas" });
        var names = Object.keys(VERDICTS);
        chart.setOption({
          textStyle: { fontFamily: FONT },
          tooltip: { trigger: "item", formatter: "{b}：{c} 个（{d}%）" },
          legend: { bottom: 0, type: "scroll" },
          series: [{
            type: "pie", radius: ["38%", "68%"], center: ["50%", "45%"], avoidLabelOverlap: true,
            label: { formatter: "{b}\n{c}" },
            data: names.map(function (k) { return { name: VERDICTS[k], value: data.total[k] || 0, itemStyle: { color: COLORS[k] } }; })
              .filter(function (d) { return d.value > 0; }),
          }],
        });
        charts.push(chart);
        node.setAttribute("data-rendered", "1");
      })
      .catch(function (err) { node.textContent = "判定统计暂时无法显示（" + err.message + "）。"; });
  }

  function fmt(x) { return Number.isInteger(x) ? String(x) : String(Math.round(x * 1000) / 1000); }

  function tracker(spec, node) {
    var chart = echarts.init(node, null, { renderer: "canvas" });
    var years = {};
    spec.targets.concat(spec.outcomes).forEach(function (p) { years[p.year] = true; });
    var xs = Object.keys(years).map(Number).sort(function (a, b) { return a - b; });
    var targets = spec.targets.map(function (p) {
      return { value: [p.year, p.value], itemStyle: { color: COLORS[p.verdict] || "#888" }, p: p, kind: "target" };
    });
    var ranges = spec.targets.filter(function (p) { return p.value_max !== null && p.value_max !== undefined; })
      .map(function (p) { return [[p.year, p.value], [p.year, p.value_max]]; });
    var byYear = {};
    spec.outcomes.forEach(function (p) { if (!(p.year in byYear) || !p.manual) byYear[p.year] = p; });
    var outcomes = Object.keys(byYear).map(Number).sort(function (a, b) { return a - b; })
      .map(function (y) { return { value: [y, byYear[y].value], p: byYear[y], kind: "outcome" }; });
    chart.setOption({
      textStyle: { fontFamily: FONT },
      title: { text: spec.title, subtext: "单位：" + spec.unit, left: 0, top: 0, textStyle: { fontSize: 14 }, subtextStyle: { fontSize: 12 } },
      grid: { left: 64, right: 20, top: 64, bottom: 36 },
      tooltip: {
        trigger: "item", confine: true,
        formatter: function (item) {
          var p = item.data && item.data.p;
          if (!p) return "";
          var head = (item.data.kind === "target" ? "目标" : "完成情况") + " · " + p.year + "年";
          var value = fmt(p.value) + (p.value_max !== null && p.value_max !== undefined ? "–" + fmt(p.value_max) : "") + " " + spec.unit;
          var verdict = p.verdict ? "<br>判定：" + VERDICTS[p.verdict] : "";
          return echarts.format.encodeHTML(head + "：" + value) + verdict + "<br><small>" + echarts.format.encodeHTML(p.quote.slice(0, 60)) + "</small>";
        },
      },
      legend: { right: 0, top: 0, data: ["目标", "完成情况"] },
      xAxis: { type: "value", min: xs[0] - 1, max: xs[xs.length - 1] + 1, interval: xs[xs.length - 1] - xs[0] > 14 ? 2 : 1,
        axisLabel: { formatter: function (v) { return String(v); }, hideOverlap: true }, splitLine: { show: false } },
      yAxis: { type: "value", scale: true },
      series: [
        { name: "完成情况", type: "line", data: outcomes, symbol: "circle", symbolSize: 8, itemStyle: { color: "#1565c0" }, lineStyle: { width: 2 }, z: 2 },
        { name: "目标", type: "scatter", data: targets, symbol: "diamond", symbolSize: 14, itemStyle: { color: "#e0a800" }, z: 3 },
        { name: "区间", type: "lines", coordinateSystem: "cartesian2d", data: ranges.map(function (c) { return { coords: c }; }),
          lineStyle: { color: "#999", width: 3, opacity: 0.6 }, silent: true, z: 1 },
      ],
    });
    chart.on("click", function (item) {
      var p = item.data && item.data.p;
      if (p && item.data.kind === "target" && p.record_id) window.location.href = "/verdicts/" + p.record_id;
      else if (p && p.document_id) window.location.href = "/documents/" + p.document_id + "#r" + p.record_id;
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
      if (spec && (spec.targets.length || spec.outcomes.length)) tracker(spec, node);
      else node.textContent = "这个口径没有可画的数（单位不一致或缺少年份）。";
    });
  }
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();

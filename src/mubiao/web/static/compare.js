// The compare page's chart: the regions' targets as sorted bars (ranges drawn to their upper end),
// the national target as a line. Data from the JSON in #compare-data; ECharts is vendored.
(function () {
  "use strict";
  var node = document.getElementById("compare-chart");
  var source = document.getElementById("compare-data");
  if (!node || !source || typeof echarts === "undefined") return;
  var spec = JSON.parse(source.textContent);
  var bars = spec.bars.slice().sort(function (a, b) { return a.value - b.value; });
  if (!bars.length) { node.style.display = "none"; return; }
  node.style.height = Math.max(220, 28 * bars.length + 80) + "px";
  var chart = echarts.init(node, null, { renderer: "canvas" });
  var line = spec.national === null ? [] : [{ xAxis: spec.national, name: "全国" }];
  chart.setOption({
    textStyle: { fontFamily: '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif' },
    grid: { left: 8, right: 24, top: 28, bottom: 24, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, confine: true },
    xAxis: { type: "value", name: spec.unit || "", scale: true },
    yAxis: { type: "category", data: bars.map(function (b) { return b.region; }) },
    series: [
      { name: "目标（下限）", type: "bar", stack: "t", itemStyle: { color: "#c62828" },
        data: bars.map(function (b) { return b.value; }),
        markLine: { symbol: "none", label: { formatter: "全国 {c}" }, lineStyle: { color: "#1565c0", type: "dashed" }, data: line } },
      { name: "区间上端", type: "bar", stack: "t", itemStyle: { color: "#ef9a9a" },
        data: bars.map(function (b) { return b.value_max === null ? 0 : b.value_max - b.value; }) },
    ],
  });
  node.setAttribute("data-rendered", "1");
  window.addEventListener("resize", function () { chart.resize(); });
})();

// End-to-end checks of the dashboard in a real headless Chromium (Debian's), driven by playwright-core.
// Run by tests/web/test_browser.py:  node browser.mjs BASE_URL SCREENSHOT_DIR CONFIG_JSON
// Prints one JSON object with what it saw; exits 0 unless the browser could not be driven at all.
import { chromium } from "playwright-core";
import path from "node:path";

const [base, shots, configText] = process.argv.slice(2);
const config = JSON.parse(configText);
const out = { pages: {}, console_errors: [], page_errors: [], dialogs: [], failed_requests: [] };

const browser = await chromium.launch({
  executablePath: config.chromium || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],  // playwright gives every launch a fresh, empty profile
  headless: true,
});
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  page.on("console", (msg) => { if (msg.type() === "error") out.console_errors.push(`${page.url()}: ${msg.text()}`); });
  page.on("pageerror", (err) => out.page_errors.push(`${page.url()}: ${err.message}`));
  page.on("dialog", async (dialog) => { out.dialogs.push(`${page.url()}: ${dialog.type()} ${dialog.message()}`); await dialog.dismiss(); });
  page.on("requestfailed", (req) => out.failed_requests.push(`${req.url()}: ${req.failure()?.errorText}`));
  page.on("request", (req) => { if (!req.url().startsWith(base) && !req.url().startsWith("data:")) out.failed_requests.push(`off-site: ${req.url()}`); });

  const shot = async (name) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: false });

  // 1. overview, with its verdict chart
  await page.goto(`${base}/`, { waitUntil: "networkidle" });
  await page.waitForSelector("#summary-chart[data-rendered] canvas", { timeout: 15000 });
  out.pages.overview = { title: await page.title(), h1: await page.textContent("h1"), stats: await page.locator(".stat").count() };
  await shot("overview");

  // 2. a document: click a highlighted target and read the fields shown
  await page.goto(`${base}/documents/${config.document}`, { waitUntil: "networkidle" });
  const marks = await page.locator("mark.rec").count();
  const mark = page.locator("mark.rec.k-target").first();
  await mark.scrollIntoViewIfNeeded();
  await mark.click();
  await page.waitForSelector("#detail-body .rec-card", { timeout: 5000 });
  const card = page.locator("#detail-body .rec-card").first();
  out.pages.document = {
    marks,
    outline: await page.locator(".outline li").count(),
    clicked: await mark.textContent(),
    fields: await card.locator("dt").allTextContents(),
    indicator: await card.locator("dd.f-指标").textContent(),
    verdict_link: await card.locator("a.verdict-link").getAttribute("href"),
  };
  await shot("document");

  // 3. its verdict, from the link in the panel
  await page.goto(`${base}${out.pages.document.verdict_link}`, { waitUntil: "networkidle" });
  out.pages.verdict = { h1: await page.textContent("h1"), quotes: await page.locator("blockquote").count() };
  await shot("verdict");
  // ... and back to the target in its document: the link opens the text at that record
  const source = page.locator(".side-by-side dd a[href*='/documents/']").first();
  const href = await source.getAttribute("href");
  await source.click();
  await page.waitForSelector("#detail-body .rec-card", { timeout: 5000 });
  out.pages.verdict.back = { href, shown: await page.locator("#detail-body .rec-card").first().getAttribute("data-record") };
  await page.waitForTimeout(300);
  out.pages.verdict.landed = await page.evaluate(() => {
    const mark = document.querySelector("mark.rec.selected");
    if (!mark) return null;
    const box = mark.getBoundingClientRect();
    return { in_view: box.top >= 0 && box.bottom <= window.innerHeight, in_text: !!mark.closest("#doctext"),
             panel_links: [...document.querySelectorAll("#detail-body a")].map((a) => a.className) };
  });
  await shot("evidence-landing");

  // 4. the tracker: charts drawn into canvases with something on them
  await page.goto(`${base}/tracker/${encodeURIComponent(config.region)}`, { waitUntil: "networkidle" });
  await page.waitForSelector("[data-chart][data-rendered] canvas", { timeout: 15000 });
  out.pages.tracker = await page.evaluate(() => {
    const canvases = [...document.querySelectorAll("[data-chart][data-rendered] canvas")];
    const painted = canvases.filter((c) => {
      const ctx = c.getContext("2d");
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      let ink = 0;
      for (let i = 3; i < data.length; i += 4 * 16) if (data[i] > 0) ink++;
      return ink > 50;
    }).length;
    return { charts: document.querySelectorAll("[data-chart]").length, canvases: canvases.length, painted,
             badges: document.querySelectorAll("ul.targets .badge").length };
  });
  await shot("tracker");

  // 5. the records table, the search page, the diff
  await page.goto(`${base}/records?kind=target`, { waitUntil: "networkidle" });
  out.pages.records = { rows: await page.locator("#records-table tbody tr").count() };
  await shot("records");
  await page.goto(`${base}/search?q=${encodeURIComponent(config.query)}`, { waitUntil: "networkidle" });
  out.pages.search = { hits: await page.locator("ol.hits li").count(), marks: await page.locator(".snippet mark").count() };
  await shot("search");
  await page.goto(`${base}/diff?region=${encodeURIComponent(config.region)}`, { waitUntil: "networkidle" });
  out.pages.diff = { rows: await page.locator("table.diff tbody tr").count() };
  await shot("diff");

  // 5b. the compare page: table, summary and the sorted bar chart, at desktop width and at phone width
  const comparePage = async () => {
    await page.goto(`${base}/compare?indicator=${encodeURIComponent("地区生产总值")}&year=${config.compare_year}`, { waitUntil: "networkidle" });
    await page.waitForSelector("#compare-chart[data-rendered] canvas", { timeout: 15000 });
    return page.evaluate(() => {
      const canvas = document.querySelector("#compare-chart canvas");
      const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted += 1;
      return {
        rows: document.querySelectorAll("#compare-table tbody tr").length,
        summary: document.querySelectorAll("#compare-summary li").length,
        downloads: document.querySelectorAll("#compare-summary .downloads a").length,
        painted: painted > 100,
        page_width: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      };
    });
  };
  out.pages.compare = await comparePage();
  await shot("compare");
  await page.setViewportSize({ width: 390, height: 844 });
  out.pages.compare_phone = await comparePage();
  await shot("compare-phone");
  await page.setViewportSize({ width: 1400, height: 900 });

  // 6. a hostile document renders as text: no dialog, no injected element
  if (config.hostile) {
    await page.goto(`${base}/documents/${config.hostile}`, { waitUntil: "networkidle" });
    await page.waitForTimeout(500);
    out.pages.hostile = await page.evaluate(() => ({
      injected_img: document.querySelectorAll("main img").length,
      injected_script: [...document.querySelectorAll("script")].filter((s) => !s.src && s.type !== "application/json").length,
      pwned: typeof window.__pwned !== "undefined",
      text_has_tag: document.getElementById("doctext").textContent.includes("<script>"),
    }));
    await shot("hostile");
  }

  // 6b. the overview pie: a click on a slice opens the list of those verdicts
  await page.goto(`${base}/`, { waitUntil: "networkidle" });
  await page.waitForSelector("#summary-chart[data-rendered] canvas", { timeout: 15000 });
  const pie = await page.evaluate(() => {
    const chart = window.mubiaoCharts[0];
    const option = chart.getOption();
    return option.series[0].data.map((d) => d.code);
  });
  // the middle of the first slice, from the pie's layout, clicked with the mouse
  const spot = await page.evaluate(() => {
    const chart = window.mubiaoCharts[0];
    const layout = chart.getModel().getSeriesByIndex(0).getData().getItemLayout(0);
    const angle = (layout.startAngle + layout.endAngle) / 2, radius = (layout.r + layout.r0) / 2;
    const rect = chart.getDom().getBoundingClientRect();
    return { x: rect.left + layout.cx + radius * Math.cos(angle), y: rect.top + layout.cy + radius * Math.sin(angle) };
  });
  await Promise.all([
    page.waitForURL(/\/verdicts\?verdict=/, { timeout: 5000 }).catch(() => null),
    page.mouse.click(spot.x, spot.y),
  ]);
  const box = spot;
  out.pages.pie = { slices: pie, box: !!box, url: page.url() };
  if (page.url().includes("/verdicts?")) await shot("verdicts-from-pie");

  // 6c. the verdict list
  await page.goto(`${base}/verdicts?region=${encodeURIComponent(config.region)}`, { waitUntil: "networkidle" });
  out.pages.verdicts = { rows: await page.locator("table.verdicts tbody tr").count(), counts: await page.locator(".facet a.count").count() };
  await shot("verdicts");

  // 6d. the upload form's file button is in Chinese: a label over the hidden input opens the chooser, names the file,
  // and the input stays reachable from the keyboard (its focus shown on the label)
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${base}/upload`, { waitUntil: "networkidle" });
  const [chooser] = await Promise.all([
    page.waitForEvent("filechooser", { timeout: 5000 }),
    page.click("label.file-button"),
  ]);
  await chooser.setFiles({ name: "2023年某市政府工作报告.txt", mimeType: "text/plain", buffer: Buffer.from("地区生产总值增长6%左右。") });
  await page.focus("#upload-file");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  out.pages.upload = await page.evaluate(() => {
    const input = document.getElementById("upload-file");
    const label = document.querySelector("label.file-button");
    const box = input.getBoundingClientRect();
    return {
      button: label.textContent.trim(), chosen: document.getElementById("file-name").textContent,
      files: input.files.length, input_area: box.width * box.height, label_for: label.htmlFor === input.id,
      focused: document.activeElement === input, outline: getComputedStyle(label).outlineStyle,
      english: /Choose|No file|Browse/i.test(document.querySelector("main").innerText),
    };
  });
  await shot("upload");
  await page.setViewportSize({ width: 1400, height: 900 });

  // 7. the API docs load offline
  await page.goto(`${base}/docs`, { waitUntil: "networkidle" });
  await page.waitForSelector(".swagger-ui .opblock", { timeout: 15000 });
  out.pages.docs = { operations: await page.locator(".opblock").count(), back: await page.locator(".docs-back a").count() };
  await shot("docs");

  // 8. phones: every page at 390×844, nothing wider than the screen; a tap on a mark opens the panel beside it
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const mobile = await phone.newPage();
  mobile.on("pageerror", (err) => out.page_errors.push(`phone ${mobile.url()}: ${err.message}`));
  out.phone = {};
  const phonePages = {
    overview: "/", documents: "/documents", document: `/documents/${config.document}`,
    digest: `/documents/${config.document}/digest`, tasks: `/documents/${config.document}/tasks`,
    records: "/records", tracker_index: "/tracker", tracker: `/tracker/${encodeURIComponent(config.region)}`,
    verdicts: `/verdicts?region=${encodeURIComponent(config.region)}`, verdict: out.pages.document.verdict_link,
    diff: `/diff?region=${encodeURIComponent(config.region)}`, search: `/search?q=${encodeURIComponent(config.query)}`,
    upload: "/upload", methodology: "/methodology",
  };
  for (const [name, url] of Object.entries(phonePages)) {
    await mobile.goto(`${base}${url}`, { waitUntil: "networkidle" });
    await mobile.waitForTimeout(300);
    out.phone[name] = await mobile.evaluate(() => ({ width: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    await mobile.screenshot({ path: path.join(shots, `phone-${name}.png`), fullPage: false });
  }
  await mobile.goto(`${base}/documents/${config.document}`, { waitUntil: "networkidle" });
  const tap = mobile.locator("mark.rec.k-target").nth(5);
  await tap.scrollIntoViewIfNeeded();
  await tap.tap();
  await mobile.waitForSelector("#details.open .rec-card", { timeout: 5000 });
  out.phone.tap = await mobile.evaluate(() => {
    const panel = document.getElementById("details").getBoundingClientRect();
    const mark = document.querySelector("mark.rec.selected").getBoundingClientRect();
    return { panel_top: panel.top, panel_bottom: panel.bottom, mark_top: mark.top, height: window.innerHeight };
  });
  await mobile.screenshot({ path: path.join(shots, "phone-document-tap.png"), fullPage: false });
  await phone.close();

  // 9. the static site written by `mubiao publish`, opened from the disk: charts drawn, links followed, no errors
  if (config.static_site) {
    const disk = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "zh-CN" });
    const site = await disk.newPage();
    const offline = [];
    site.on("pageerror", (err) => out.page_errors.push(`static ${site.url()}: ${err.message}`));
    site.on("console", (msg) => { if (msg.type() === "error") out.console_errors.push(`static ${site.url()}: ${msg.text()}`); });
    site.on("request", (req) => { if (!req.url().startsWith("file:") && !req.url().startsWith("data:")) offline.push(req.url()); });
    await site.goto(`file://${config.static_site}/index.html`);
    await site.waitForSelector("#summary-chart[data-rendered] canvas", { timeout: 15000 });
    await site.screenshot({ path: path.join(shots, "static-overview.png") });
    await site.locator(`a[href^="tracker/${encodeURIComponent(config.region)}/"]`).first().click();
    await site.waitForSelector("[data-chart][data-rendered] canvas", { timeout: 15000 });
    const trackerUrl = site.url();
    await site.screenshot({ path: path.join(shots, "static-tracker.png") });
    await site.locator("ul.targets a.badge").first().click();
    await site.waitForSelector("blockquote", { timeout: 5000 });
    const verdictUrl = site.url();
    await site.locator(".side-by-side dd a[href*='documents/']").first().click();
    await site.waitForSelector("#detail-body .rec-card", { timeout: 5000 });
    await site.screenshot({ path: path.join(shots, "static-document.png") });
    out.static = { tracker: trackerUrl, verdict: verdictUrl, document: site.url(), offline,
                   panel_link: await site.locator("#detail-body a.verdict-link").first().getAttribute("href") };
    await disk.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));

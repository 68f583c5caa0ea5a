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

  // 7. the API docs load offline
  await page.goto(`${base}/docs`, { waitUntil: "networkidle" });
  await page.waitForSelector(".swagger-ui .opblock", { timeout: 15000 });
  out.pages.docs = { operations: await page.locator(".opblock").count() };
  await shot("docs");
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));

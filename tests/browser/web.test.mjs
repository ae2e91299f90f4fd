// The web view in Debian's Chromium (playwright-core, the system browser): the served pages and the static site —
// each page loads, search, filter and sort the log, the timeline and its links, the chain graph and its links,
// Mermaid drawn as SVG, follow a supersession link, open a rule anchor, review a design
// (served only), knowledge text stays text, at most 200 KB of script per page, and axe-core finds no serious or
// critical violation. Prints one line per check and "browser: N passed, N failed".
import { createServer } from "node:http";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { extname, join, normalize, resolve } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

const { values: args } = parseArgs({ options: { served: { type: "string" }, site: { type: "string" }, screenshots: { type: "string" }, chromium: { type: "string" } } });
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const MaxScriptBytes = 200 * 1024;
mkdirSync(args.screenshots, { recursive: true });

let passed = 0, failed = 0;
async function check(label, body) {
  try {
    await body();
    passed++;
    console.log(`PASS ${label}`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${label}: ${String(error?.message ?? error).split("\n")[0]}`);
  }
}
function expect(condition, message) { if (!condition) throw new Error(message); }

// a tiny static file server on loopback for the site folder
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css" };
const siteRoot = resolve(args.site);
const server = createServer((req, res) => {
  const path = normalize(join(siteRoot, decodeURIComponent(new URL(req.url, "http://x").pathname)));
  let file = path.endsWith("/") ? join(path, "index.html") : path;
  try {
    if (!file.startsWith(siteRoot) || !statSync(file).isFile()) throw new Error();
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  } catch {
    res.writeHead(404).end("not found");
  }
});
await new Promise(r => server.listen(0, "127.0.0.1", r));
const site = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: args.chromium,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});
// bypassCSP lets axe be injected; it also means the escaping checks below prove the encoding, not the CSP header
const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1200, height: 900 } });
const page = await context.newPage();
let scriptBytes = 0;
page.on("response", async response => {
  if (response.request().resourceType() === "script") {
    try { scriptBytes += (await response.body()).length; } catch { /* a redirect has no body */ }
  }
});

let shot = 0;
async function open(url, name) {
  scriptBytes = 0;
  const response = await page.goto(url, { waitUntil: "load" });
  expect(response && response.status() === 200, `${url} answered ${response?.status()}`);
  expect(await page.locator("main h1").count() === 1, `${url} has no single h1 in main`);
  await page.screenshot({ path: join(args.screenshots, `${String(++shot).padStart(2, "0")}-${name}.png`), fullPage: true });
  expect(scriptBytes <= MaxScriptBytes, `${url} loads ${scriptBytes} bytes of script`);
}
async function axe(url) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter(v => v.impact === "serious" || v.impact === "critical");
  expect(bad.length === 0, `${url}: ${bad.map(v => `${v.id} (${v.impact}, ${v.nodes.length}×: ${v.nodes[0]?.target})`).join("; ")}`);
}

const served = args.served;
const servedPages = [
  ["search", "/"], ["search-results", "/?q=bm25"], ["log", "/decisions"], ["timeline", "/timeline"], ["decision", "/decisions/ADR-0004"],
  ["decision-graph", "/decisions/ADR-0003"], ["decision-diagrams", "/decisions/ADR-0098"], ["standards", "/standards"],
  ["standard", "/standards/SEC"], ["review", "/review"], ["health", "/health"], ["reference", "/references/RA-EVENT-OUTBOX"],
];
const sitePages = [
  ["site-search", "/index.html?q=bm25"], ["site-log", "/decisions.html"], ["site-timeline", "/timeline.html"], ["site-decision", "/decisions/ADR-0004.html"],
  ["site-decision-graph", "/decisions/ADR-0003.html"], ["site-decision-diagrams", "/decisions/ADR-0098.html"],
  ["site-standards", "/standards.html"], ["site-standard", "/standards/SEC.html"], ["site-health", "/health.html"],
];
for (const [base, pages] of [[served, servedPages], [site, sitePages]]) {
  for (const [name, path] of pages) {
    await check(`${base === served ? "served" : "static"} ${path} loads, ≤ 200 KB script, axe clean`, async () => {
      await open(base + path, name);
      await axe(path);
    });
  }
}

for (const [kind, base, home, log, ext] of [["served", served, "/", "/decisions", ""], ["static", site, "/index.html", "/decisions.html", ".html"]]) {
  await check(`${kind}: search by the form, the query in the URL, a card for the decision`, async () => {
    await page.goto(base + home);
    await page.getByLabel("Search", { exact: true }).fill("bm25 similarity");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=bm25/);
    const card = page.locator(".card").filter({ has: page.locator("h3", { hasText: "BM25 similarity" }) }).first();
    await card.waitFor();
    expect(await card.locator(".cite code").textContent().then(t => /\.md:\d+$/.test(t)), "the card has no path:line citation");
    await card.locator("h3 a").click();
    await page.waitForURL(/ADR-0004/);
  });

  await check(`${kind}: filter and sort the decision log`, async () => {
    await page.goto(base + log);
    const rows = page.locator("#decision-log tbody tr");
    const total = await rows.count();
    await page.getByLabel("Filter this table").fill("lucene");
    const visible = page.locator("#decision-log tbody tr:not([hidden])");
    const shown = await visible.count();
    expect(shown > 0 && shown < total, `filter kept ${shown} of ${total} rows`);
    for (const text of await visible.allTextContents()) expect(/lucene/i.test(text), `a kept row does not mention lucene: ${text}`);
    await page.getByRole("button", { name: "Number" }).click();
    await page.getByRole("button", { name: "Number" }).click();
    expect(await page.locator("th[aria-sort=descending]").count() === 1, "the Number column is not sorted descending");
    const first = await visible.first().locator("td").first().textContent();
    expect(Number(first) >= 4, `the newest decision is not first after a descending sort: ${first}`);
  });

  await check(`${kind}: a superseded decision names the one in force, and its chain link opens it`, async () => {
    await page.goto(`${base}/decisions/ADR-0003${ext}`);
    expect(await page.locator(".notice").filter({ hasText: "ADR-0004" }).count() === 1, "no notice naming the decision in force");
    await page.locator(".chain a").filter({ hasText: "ADR-0004" }).click();
    await page.waitForURL(new RegExp(`/decisions/ADR-0004${ext.replace(".", "\\.")}$`));
    expect((await page.locator("h1").textContent()).includes("BM25"), "the link did not open ADR-0004");
    expect(await page.locator(".chain li[aria-current=page]").filter({ hasText: "ADR-0004" }).count() === 1, "ADR-0004 is not marked current in its chain");
  });

  await check(`${kind}: the timeline is reached from the log, groups by month and its links open the decisions`, async () => {
    await page.goto(base + log);
    await page.getByRole("link", { name: "The decisions on a timeline" }).click();
    await page.locator("main h1", { hasText: "Decision timeline" }).waitFor();
    expect(await page.locator("main h3").filter({ hasText: /^[A-Z][a-z]+ \d{4}$/ }).count() > 0, "no month headings");
    const superseded = page.locator(".timeline li").filter({ has: page.locator(".status-superseded") }).first();
    expect(await superseded.locator(".relation", { hasText: "superseded by" }).count() === 1, "a superseded decision does not say what replaced it");
    await superseded.locator(".relation a").first().click();
    await page.waitForURL(/\/decisions\/ADR-\d+/);
    expect(await page.locator("main h1").count() === 1, "the timeline link did not open a decision");
  });

  await check(`${kind}: the chain graph is an SVG whose node for the superseding decision opens it`, async () => {
    await page.goto(`${base}/decisions/ADR-0003${ext}`);
    const graph = page.locator("figure.chain-graph svg");
    expect(await graph.count() === 1, "no chain graph");
    expect(await graph.locator("title").textContent().then(t => t.includes("ADR-0003")), "the graph has no title naming the decision");
    const box = await graph.boundingBox();
    expect(box && box.width > 0 && box.height > 0, "the graph is not drawn");
    await graph.locator("a", { hasText: "ADR-0004" }).click();
    await page.waitForURL(new RegExp(`/decisions/ADR-0004${ext.replace(".", "\\.")}$`));
    expect(await page.locator("figure.chain-graph .node.current", { hasText: "ADR-0004" }).count() === 1, "ADR-0004 is not the highlighted node of its graph");
  });

  await check(`${kind}: Mermaid blocks are drawn as SVG by the server, their source one click away`, async () => {
    await page.goto(`${base}/decisions/ADR-0098${ext}`);
    const diagrams = page.locator("figure.diagram > svg[role=img]");
    expect(await diagrams.count() === 2, `${await diagrams.count()} diagrams drawn, not 2`);
    expect(await diagrams.first().locator("text", { hasText: "Record author" }).count() === 1, "the flowchart lost a node label");
    expect(await diagrams.nth(1).locator("text", { hasText: "open a decision" }).count() === 1, "the sequence diagram lost a message");
    await page.locator("figure.diagram summary").first().click();
    expect(await page.locator("figure.diagram pre code").first().isVisible(), "the source is not shown when asked");
  });

  await check(`${kind}: a rule anchor (#SEC-011) opens at the rule`, async () => {
    await page.goto(`${base}/standards/SEC${ext}#SEC-011`);
    const rule = page.locator("li#SEC-011");
    expect(await rule.count() === 1, "no element with id SEC-011");
    expect(await page.evaluate(() => document.querySelector(":target")?.id) === "SEC-011", "SEC-011 is not the :target");
    const box = await rule.boundingBox();
    expect(box && box.y >= 0 && box.y < 900, `the rule is not in view (y=${box?.y})`);
  });

  await check(`${kind}: <script> in a decision's title and body is shown as text and never runs`, async () => {
    await page.goto(`${base}/decisions/ADR-0099${ext}`);
    const title = await page.locator("h1").textContent();
    expect(title.includes("<script>"), `the title lost its text: ${title}`);
    expect(await page.locator(".markdown").textContent().then(t => t.includes("<script>")), "the body's <script> is not shown as text");
    expect(await page.locator("main script, main img").count() === 0, "knowledge markup became elements");
    expect(await page.evaluate(() => window.__xss) === undefined, "knowledge script ran");
    await page.locator(".markdown a", { hasText: "that runs script" }).click();
    expect(await page.evaluate(() => window.__xss) === undefined, "a javascript: link ran");
  });
}

await check("served: paste a design, see a violated rule with its link, and the review as Markdown", async () => {
  await page.goto(served + "/review");
  await page.getByLabel("Design text").fill("The service exposes GET /getUsers and returns user_name fields.");
  await page.getByRole("button", { name: "Review" }).click();
  await page.locator("#review-heading").waitFor();
  const violated = page.locator("li.verdict.violated").filter({ hasText: "API-007" });
  expect(await violated.count() === 1, `API-007 (no verbs in URL paths) is not reported violated: ${await page.locator("li.verdict.violated a").allTextContents()}`);
  expect(await violated.locator("a").first().getAttribute("href") === "/standards/API#API-007", "the violated rule does not link to its anchor");
  const markdown = await page.getByLabel(/review as Markdown/).inputValue();
  expect(markdown.includes("**API-007**"), "the Markdown review does not name API-007");
  expect(await page.getByRole("button", { name: "Copy as Markdown" }).isVisible(), "no copy button");
  await page.screenshot({ path: join(args.screenshots, `${String(++shot).padStart(2, "0")}-review-result.png`), fullPage: true });
  await axe("/review (result)");
});

await check("served: readable on a phone (no horizontal scroll on the log and a decision)", async () => {
  const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true });
  const p = await phone.newPage();
  for (const path of ["/decisions", "/timeline", "/decisions/ADR-0003", "/decisions/ADR-0098", "/standards/SEC"]) {
    await p.goto(served + path);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow <= 0, `${path} scrolls sideways by ${overflow}px on a phone`);
  }
  await p.screenshot({ path: join(args.screenshots, `${String(++shot).padStart(2, "0")}-phone-standard.png`), fullPage: false });
  await phone.close();
});

await browser.close();
server.close();
console.log(`screenshots: ${args.screenshots}`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

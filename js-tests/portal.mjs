// Drives the portal page of a running `vo demo` in Debian's headless Chromium the way a user would: waits for the
// sky (HiPS tiles and ObsCore footprints), runs an example query from /tap/examples, clicks the sky (a cone search on
// ObsCore), opens a row's DataLink links, asks for a cutout, zooms in until catalog sources show, and saves a
// screenshot after each step. Aladin Lite's CDS URL is answered with the npm package's copy (no network here).
// Prints one JSON line with what the page showed. Usage: node portal.mjs BASE_URL OUT_DIR
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const [base, out] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const aladin = readFileSync(join(here, 'node_modules/aladin-lite/dist/aladin.js'));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    '--disable-quic'],
});
const report = { steps: [], hips: [], failed: [], unreachable: [], errors: [] };
const step = (name, extra) => { report.steps.push({ name, ...extra }); };
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  page.on('pageerror', (e) => report.errors.push(String(e)));
  page.on('response', (r) => {
    const path = r.url().replace(/^https?:\/\/[^/]+/, '');
    if (path.startsWith('/hips/')) report.hips.push({ path, status: r.status() });
    else if (r.status() >= 400 && !r.url().startsWith('data:')) report.failed.push({ path, status: r.status() });
  });
  page.on('requestfailed', (r) => report.unreachable.push(r.url()));
  await page.route('https://aladin.cds.unistra.fr/**', (route) => route.fulfill({
    status: 200, body: aladin, headers: { 'Content-Type': 'text/javascript', 'Access-Control-Allow-Origin': '*' },
  }));
  await page.goto(base + '/');
  await page.waitForFunction(() => window.portal && window.portal.ready && window.portal.skyReady, null,
    { timeout: 90000 });
  await page.waitForFunction(() => window.portal.footprints > 0, null, { timeout: 60000 });
  const tiles = () => report.hips.filter((r) => /Norder\d+\/Dir\d+\/Npix\d+\.(png|jpg)$/.test(r.path) && r.status === 200);
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline && tiles().length < 4) await page.waitForTimeout(500);
  await page.waitForTimeout(4000);
  await page.screenshot({ path: join(out, '1-sky.png') });
  step('sky', { tiles: tiles().length, footprints: await page.evaluate(() => window.portal.footprints),
    surveys: await page.$$eval('#survey option', (o) => o.map((x) => x.textContent)) });

  // another survey from the selector: its tiles come from its own folder
  await page.selectOption('#survey', { label: 'Demo DR1 g band' });
  const g = () => report.hips.filter((r) => /^\/hips\/g\/Norder\d+\/Dir\d+\/Npix\d+\.png$/.test(r.path) && r.status === 200);
  const until = Date.now() + 30000;
  while (Date.now() < until && g().length < 1) await page.waitForTimeout(300);
  step('survey', { tiles: g().length });
  await page.selectOption('#survey', { label: 'Demo DR1 colour (i, r, g)' });

  // an example query from /tap/examples: the first look at ivoa.ObsCore
  const examples = await page.$$eval('#examples option', (o) => o.map((x) => x.textContent));
  const example = examples.find((e) => e.includes('ivoa.ObsCore')) || examples[1];
  await page.selectOption('#examples', { label: example });
  await page.click('#run');
  await page.waitForFunction(() => document.querySelectorAll('#result tbody tr').length > 0
    || !document.getElementById('query-error').hidden, null, { timeout: 60000 });
  await page.screenshot({ path: join(out, '2-example-query.png') });
  step('example', { example, examples: examples.length - 1,
    rows: await page.$$eval('#result tbody tr', (r) => r.length),
    headers: await page.$$eval('#result th', (h) => h.map((x) => x.textContent)),
    error: await page.$eval('#query-error', (e) => (e.hidden ? null : e.textContent)) });

  // a bad query: the service's error, as it returned it
  await page.fill('#adql', 'SELECT nothing FROM ivoa.NoSuchTable');
  await page.click('#run');
  await page.waitForFunction(() => !document.getElementById('query-error').hidden, null, { timeout: 30000 });
  step('error', { error: await page.$eval('#query-error', (e) => e.textContent) });

  // click the sky at the view's centre: a cone search on ObsCore
  const box = await page.locator('#sky').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction(() => window.portal.position && document.querySelectorAll('#result tr.datalink').length > 0,
    null, { timeout: 60000 });
  step('cone', { position: await page.evaluate(() => window.portal.position),
    adql: await page.inputValue('#adql'), rows: await page.$$eval('#result tbody tr', (r) => r.length) });

  // the first calibrated image's DataLink links, then its cutout
  const rows = page.locator('#result tr.datalink');
  const n = await rows.count();
  let row = rows.first();
  for (let i = 0; i < n; i++) {
    if ((await rows.nth(i).textContent()).includes('calexp')) { row = rows.nth(i); break; }
  }
  await row.click();
  await page.waitForFunction(() => document.querySelectorAll('#links tbody tr').length > 0
    && !document.querySelector('#links tbody td').textContent.startsWith('loading'), null, { timeout: 60000 });
  const links = await page.$$eval('#links tbody tr', (r) => r.map((x) => x.children[0].textContent));
  await page.locator('#links button.cutout').first().click();
  await page.waitForFunction(() => window.portal.cutout || /HTTP|no pixels|no position/.test(
    document.getElementById('cutout-info').textContent), null, { timeout: 60000 });
  await page.waitForTimeout(1500); // the #preview PNG
  await page.screenshot({ path: join(out, '3-datalink-cutout.png'), fullPage: true });
  step('datalink', { links, cutout: await page.evaluate(() => window.portal.cutout),
    cutoutInfo: await page.$eval('#cutout-info', (e) => e.textContent),
    preview: await page.$eval('#preview-img', (i) => ({ complete: i.complete, width: i.naturalWidth })) });

  // zoomed in: catalog sources over the survey
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.getElementById('links-panel').scrollLeft = 0;
    window.portal.aladin.setFoV(0.08);
  });
  await page.waitForFunction(() => window.portal.sources > 0, null, { timeout: 60000 });
  await page.waitForTimeout(4000);
  await page.screenshot({ path: join(out, '4-sources.png') });
  step('sources', { sources: await page.evaluate(() => window.portal.sources) });
  report.errors.push(...await page.evaluate(() => window.portal.errors));
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));

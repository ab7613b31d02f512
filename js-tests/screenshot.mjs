// Loads a page that shows a HiPS survey with Aladin Lite in Debian's headless Chromium, waits for tiles to be drawn,
// saves a screenshot and prints one JSON line: the survey requests the page made and their statuses.
// Usage: node screenshot.mjs PAGE_URL OUT.png
import { chromium } from 'playwright-core';

const [url, out] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    '--disable-quic'],
});
const requests = [];
try {
  const page = await browser.newPage({ viewport: { width: 640, height: 640 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => {
    if (r.url().includes('/hips/')) {
      requests.push({ url: r.url().replace(/^https?:\/\/[^/]+/, ''), status: r.status() });
    }
  });
  await page.goto(url);
  await page.waitForFunction(() => window.alReady === true, null, { timeout: 60000 });
  // tiles arrive and are drawn asynchronously: wait until deepest-order tiles have come, then a little more
  const deadline = Date.now() + 45000;
  while (Date.now() < deadline && !requests.some((r) => /Norder\d+\/Dir\d+\/Npix\d+\.png/.test(r.url)
      && r.status === 200)) {
    await page.waitForTimeout(500);
  }
  await page.waitForTimeout(8000);
  await page.screenshot({ path: out });
  console.log(JSON.stringify({ requests, errors }));
} finally {
  await browser.close();
}

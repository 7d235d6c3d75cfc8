// Each example's `meso view` page in chromium, from file://: no console
// error and no request beyond the page itself; as many session cells as
// `meso schedule --format json` has sessions and as many chart bars as
// `meso stats --format json` has exercise weeks with tonnage; no serious or
// critical axe-core violation; the print stylesheet applies; an athlete's
// name written as a script is shown, not run. A screenshot of the flagship
// goes to OUT_DIR/view-flagship.png.
//   node check.mjs MESO SOURCE_DIR OUT_DIR CHROMIUM
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const [meso, src, out, chromium] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'meso-view-'));
let failures = 0;
const fail = (what) => { console.error(`FAIL: ${what}`); failures++; };

// meso runs in the source folder with the examples named as a user names them: the page shows the name.
function mesoJson(args) { return JSON.parse(execFileSync(meso, args, { cwd: src, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })); }

function expected(file) {
  const schedule = mesoJson(['schedule', '--format', 'json', file]);
  const stats = mesoJson(['stats', '--format', 'json', file]);
  let sessions = 0, bars = 0;
  for (const p of schedule.programs) sessions += p.sessions.length;
  for (const p of stats.programs)
    for (const b of p.blocks)
      for (const w of b.weeks)
        for (const e of w.exercises) if (e.tonnage > 0) bars++;
  return { sessions, bars };
}

async function open(browser, html) {
  const page = await browser.newPage();
  const problems = [];
  const url = pathToFileURL(html).href;
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.url() === url) request.continue();
    else { problems.push(`a request for ${request.url()}`); request.abort(); }
  });
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console error: ${message.text()}`); });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', async (dialog) => { problems.push(`a dialog opened: ${dialog.message()}`); await dialog.dismiss(); });
  await page.setViewport({ width: 1200, height: 1500 });
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems };
}

async function checkAxe(page, name) {
  await page.setRequestInterception(false);
  await page.evaluate(axeSource);  // axe's source, run in the page: no script tag, no request
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  for (const v of result.violations)
    if (v.impact === 'serious' || v.impact === 'critical')
      fail(`${name}: axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} elements, e.g. ${v.nodes[0].html.slice(0, 120)})`);
}

async function checkPrint(page, name) {
  await page.emulateMediaType('print');
  const print = await page.evaluate(() => ({
    font: getComputedStyle(document.body).fontSize,
    nav: [...document.querySelectorAll('nav')].every((n) => getComputedStyle(n).display === 'none'),
    months: [...document.querySelectorAll('table.month')].every((t) => getComputedStyle(t).breakInside === 'avoid'),
  }));
  if (print.font !== '11px') fail(`${name}: the print stylesheet does not apply (body font ${print.font})`);
  if (!print.nav) fail(`${name}: the navigation is printed`);
  if (!print.months) fail(`${name}: a month may be cut across pages`);
  await page.emulateMediaType('screen');
}

async function checkExample(browser, file) {
  const name = file.split('/').pop();
  const html = join(tmp, name.replace(/\.meso$/, '.html'));
  execFileSync(meso, ['view', file, '-o', html], { cwd: src, stdio: ['ignore', 'ignore', 'ignore'] });
  const want = expected(file);
  const { page, problems } = await open(browser, html);
  const got = await page.evaluate(() => ({
    sessions: document.querySelectorAll('.month .session').length,
    bars: document.querySelectorAll('svg rect.bar').length,
    lang: document.documentElement.lang,
  }));
  if (got.sessions !== want.sessions) fail(`${name}: ${got.sessions} session cells, meso schedule has ${want.sessions} sessions`);
  if (got.bars !== want.bars) fail(`${name}: ${got.bars} chart bars, meso stats has ${want.bars} exercise weeks with tonnage`);
  if (got.lang !== 'en') fail(`${name}: no lang on the page`);
  if (name === 'kaatsu-then-powerlifting.meso') await page.screenshot({ path: join(out, 'view-flagship.png') });
  await checkPrint(page, name);
  await checkAxe(page, name);
  for (const p of problems) fail(`${name}: ${p}`);
  console.log(`${name}: ${got.sessions} sessions, ${got.bars} bars`);
  await page.close();
}

async function checkScriptName(browser) {
  const file = join(tmp, 'script.meso');
  const athlete = '<script>alert(1)</script>';
  writeFileSync(file, `athlete "${athlete}" { max squat 100 kg }\nprogram "<img src=x onerror=alert(2)>" for "${athlete}" {\n  start 2027-01-04\n  1 week "<b>bold</b>" { days mon; squat 3x5 @ 70% }\n}\n`);
  const html = join(tmp, 'script.html');
  execFileSync(meso, ['view', file, '-o', html], { stdio: ['ignore', 'ignore', 'ignore'] });
  const { page, problems } = await open(browser, html);
  const text = await page.evaluate(() => document.body.innerText);
  if (!text.includes(athlete)) fail('the athlete named as a script is not shown as text');
  if (!text.includes('<b>bold</b>')) fail('the block named with markup is not shown as text');
  const scripts = await page.evaluate(() => document.querySelectorAll('script, img, b').length);
  if (scripts !== 0) fail(`user text became ${scripts} elements`);
  for (const p of problems) fail(`script name: ${p}`);
  await page.close();
}

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
try {
  const examples = readdirSync(join(src, 'examples')).filter((f) => f.endsWith('.meso')).sort();
  for (const f of examples) await checkExample(browser, join('examples', f));
  await checkScriptName(browser);
} catch (error) {
  fail(`${error.stack || error}`);
} finally {
  await browser.close();
  rmSync(tmp, { recursive: true, force: true });
}
if (failures > 0) process.exit(1);
console.log('every page passed');

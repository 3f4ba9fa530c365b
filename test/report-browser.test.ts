import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { buildReport } from '../src/report/build.js';
import { reportInput } from '../src/report/case-input.js';
import { buildFixtureCase } from '../src/report/fixture.test-data.js';
import { renderHtml } from '../src/report/html.js';

const CHROMIUM = '/usr/bin/chromium';
/** Outside CI a missing Chromium skips with this reason; in CI the test runs (and fails without it). */
const skip =
  !process.env.CI && !existsSync(CHROMIUM)
    ? `${CHROMIUM} is not installed (apt-get install chromium)`
    : false;
const ARTIFACTS = resolve('test-artifacts');

describe('the HTML report in headless Chromium', { skip }, () => {
  let browser: Browser;
  let dir: string;
  let file: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'garrison-report-browser-'));
    const fixture = buildFixtureCase(dir);
    const model = buildReport(reportInput(fixture.store, fixture.caseId));
    fixture.store.close();
    file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(model));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });

  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders the chart and every section, requests nothing, runs no hostile script, and prints', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    const problems: string[] = [];
    const pageUrl = pathToFileURL(file).href;
    await page.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.request().url() === pageUrl ? route.continue() : route.abort();
    });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      return d.dismiss();
    });
    await page.goto(pageUrl, { waitUntil: 'load' });

    assert.deepEqual(requests, [pageUrl], 'only the page itself is requested');
    assert.deepEqual(problems, [], 'no console error or warning (a CSP violation would show here)');
    const pwned = await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned);
    assert.equal(pwned, undefined, 'no script from a hostile string ran');
    assert.equal(await page.locator('script').count(), 0);
    assert.equal(await page.locator('img').count(), 0, 'no <img> smuggled in through a hostile string');
    assert.equal(await page.locator('a').count(), 0, 'no link smuggled in');

    const chart = page.locator('svg.chart');
    assert.ok(await chart.isVisible(), 'the activity chart is visible');
    const box = await chart.boundingBox();
    assert.ok(
      box && box.width > 600 && box.height > 200,
      `the chart has a real size: ${JSON.stringify(box)}`,
    );
    assert.ok((await page.locator('svg.chart rect').count()) >= 3, 'the chart draws bars');
    assert.equal(await page.locator('svg.chart line.marker').count(), 3, 'three milestone markers');
    for (const id of [
      'summary',
      'timeline',
      'findings',
      'actions',
      'evidence',
      'iocs',
      'blast-radius',
      'lessons',
      'appendix',
    ]) {
      assert.ok(await page.locator(`section#${id} h2`).isVisible(), `section ${id} is visible`);
    }
    const text = (await page.locator('body').textContent()) ?? '';
    assert.match(text, /<script>window\.__pwned=1<\/script>/, 'the hostile user agent is shown as text');
    assert.match(text, /\\u001b\[31mred/, 'control characters are shown escaped');
    assert.ok(!/[\u001b\u0007\u202e]/.test(text), 'no raw escape, bell or bidi override reaches the page');
    assert.match(text, /Time to detect\s*30 min 00 s/);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: false });
    await page.screenshot({ path: join(ARTIFACTS, 'report-full.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ path: join(ARTIFACTS, 'report.pdf'), format: 'A4', printBackground: true });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.length > 10_000, `a PDF with content (${pdf.length} bytes)`);
    assert.deepEqual(requests, [pageUrl], 'printing requested nothing either');
    await page.close();
  });
});

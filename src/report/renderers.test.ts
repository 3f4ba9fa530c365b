import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildReport } from './build.js';
import { reportInput } from './case-input.js';
import { buildFixtureCase, HOSTILE } from './fixture.test-data.js';
import { reportCsp } from './html.js';
import { REPORT_CSS } from './html-style.js';
import type { ReportModel } from './model.js';
import { renderReport } from './render.js';

/** Markdown outside fenced code blocks (where a renderer would interpret it). */
function outsideFences(text: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of text.split('\n')) {
    const open = /^(`{3,})/.exec(line)?.[1];
    if (fence === null && open) fence = open;
    else if (fence !== null && line === fence) fence = null;
    else if (fence === null) out.push(line);
  }
  assert.equal(fence, null, 'every fence is closed');
  return out.join('\n');
}

describe('the report renderers on a case full of hostile strings', () => {
  let dir: string;
  let model: ReportModel;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'garrison-report-render-'));
    const fixture = buildFixtureCase(dir);
    model = buildReport(reportInput(fixture.store, fixture.caseId));
    fixture.store.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('Markdown: every section, and nothing a viewer would turn into a link, image, emphasis or HTML', () => {
    const text = renderReport(model, 'md');
    for (const heading of [
      '## Executive summary',
      '## Metrics',
      '## Timeline',
      '## Findings',
      '## Response actions',
      '## Evidence and chain of custody',
      '## Indicators of compromise',
      '## Blast radius',
      '## Lessons learned',
      '## Appendix: raw evidence',
    ])
      assert.ok(text.includes(`\n${heading}\n`), heading);
    const prose = outsideFences(text);
    assert.ok(!prose.includes('<'), 'no raw < outside code');
    assert.doesNotMatch(prose, /(^|[^\\])\[/m, 'every [ is escaped');
    assert.doesNotMatch(prose, /(^|[^\\])!\[/m);
    assert.doesNotMatch(prose, /(^|[^\\])\*\*bold/);
    assert.ok(!/[\u001b\u0007\u202e]/.test(text), 'no raw control or bidi character anywhere');
    assert.match(prose, /\| Time to detect \| 30 min 00 s \|/);
    assert.match(
      prose,
      /… \\\(\d+ more characters\\\)/,
      'the 20 000-character user agent is clipped in tables',
    );
    assert.ok(text.includes(`L${'A'.repeat(100)}`), 'and kept whole in the appendix');
    for (const line of prose.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))) {
      const unescapedPipes = line.replace(/\\\|/g, '').split('|').length;
      const header = prose
        .split('\n')
        .find((l) => l.startsWith('| ') && prose.indexOf(l) <= prose.indexOf(line));
      assert.ok(header && unescapedPipes >= 3, line.slice(0, 80));
    }
  });

  it('Markdown: a backtick run in a value cannot close the fence around the raw evidence', () => {
    const hostile = {
      ...model,
      appendix: [{ title: 'x', value: { v: '```\n<script>alert(1)</script>\n```' } }],
    };
    const prose = outsideFences(renderReport(hostile, 'md'));
    assert.ok(!prose.includes('<script'));
  });

  it('HTML: no script, image or link from any string, attributes unbroken, a CSP that pins the stylesheet', () => {
    const page = renderReport(model, 'html');
    assert.ok(!/<script/i.test(page));
    assert.ok(!/<img/i.test(page));
    assert.ok(!/<a[\s>]/i.test(page));
    const tags = page.match(/<[a-zA-Z][^>]*>/g) ?? [];
    assert.ok(tags.length > 100);
    for (const tag of tags) {
      assert.doesNotMatch(tag, /\son\w+\s*=/i, `no event-handler attribute in ${tag.slice(0, 80)}`);
      assert.doesNotMatch(
        tag,
        /\s(href|src|action|formaction|xlink:href)\s*=/i,
        `nothing loaded or linked: ${tag.slice(0, 80)}`,
      );
    }
    assert.ok(page.includes('&lt;script&gt;window.__pwned=1&lt;/script&gt;'));
    assert.ok(page.includes('&quot;&gt;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;'));
    assert.ok(!/[\u001b\u0007\u202e]/.test(page));
    const hash = createHash('sha256').update(REPORT_CSS).digest('base64');
    assert.ok(page.includes(`<meta http-equiv="Content-Security-Policy" content="${reportCsp()}">`));
    assert.match(
      reportCsp(),
      new RegExp(`^default-src 'none'; style-src 'sha256-${hash.replace(/[+/]/g, '\\$&')}'; img-src data:`),
    );
    assert.ok(
      page.includes(`<style>${REPORT_CSS}</style>`),
      'the style element is exactly what the hash covers',
    );
    assert.equal((page.match(/<svg /g) ?? []).length, 1);
    assert.equal((page.match(/class="marker"/g) ?? []).length, 3);
    assert.equal((page.match(/<details>/g) ?? []).length, model.appendix.length);
    assert.ok(page.includes('@media print'));
    const [main, appendix] = page.split('<section id="appendix"');
    assert.ok(
      !main?.includes(HOSTILE.long) && main?.includes('more characters)'),
      'long values are clipped in the body',
    );
    assert.ok(appendix?.includes(HOSTILE.long), 'and kept whole in the appendix');
  });

  it('HTML: an unknown severity or status cannot inject a class name', () => {
    const [first] = model.findings;
    assert.ok(first);
    const odd = {
      ...model,
      findings: [{ ...first, finding: { ...first.finding, severity: 'x" onclick="y' as never } }],
    };
    const page = renderReport(odd, 'html');
    assert.ok(page.includes('class="badge sev-informational">x&quot; onclick=&quot;y</span>'));
  });

  it('JSON: the model, parseable, with control characters escaped', () => {
    const text = renderReport(model, 'json');
    const parsed = JSON.parse(text) as ReportModel;
    assert.equal(parsed.case.id, model.case.id);
    assert.equal(parsed.metrics.length, 3);
    assert.ok(!/[\u202e]/.test(text));
  });
});

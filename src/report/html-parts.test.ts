import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cell, nw, pre, section, sevBadge, statusBadge, table } from './html-parts.js';

describe('HTML report building blocks', () => {
  it('colours a known severity or status, and gives anything else the neutral badge', () => {
    assert.equal(sevBadge('high'), '<span class="badge sev-high">high</span>');
    assert.equal(
      sevBadge('x" onclick="y'),
      '<span class="badge sev-informational">x&quot; onclick=&quot;y</span>',
    );
    assert.equal(statusBadge('contained'), '<span class="badge st-contained">contained</span>');
    assert.equal(statusBadge('pwned'), '<span class="badge st-other">pwned</span>');
  });

  it('shows ISO times without the T and milliseconds, and leaves other values as they are', () => {
    assert.equal(nw('2026-11-27T16:26:00.123Z'), '<span class="nw">2026-11-27 16:26:00Z</span>');
    assert.equal(nw('2026-11-27T16:26:00Z'), '<span class="nw">2026-11-27 16:26:00Z</span>');
    assert.equal(nw('2026-11-27T16:26:00+01:00'), '<span class="nw">2026-11-27T16:26:00+01:00</span>');
    assert.equal(nw(undefined), '<span class="nw"></span>');
  });

  it('clips and escapes a cell, and prints raw evidence as escaped JSON', () => {
    assert.equal(cell('<b>'), '&lt;b&gt;');
    assert.equal(cell(null), '');
    assert.equal(cell('a'.repeat(50), 10), 'aaaaaaaaaa… (40 more characters)');
    assert.equal(pre(undefined), '<pre>null</pre>');
    assert.equal(pre({ a: '<x>' }), '<pre>{\n  &quot;a&quot;: &quot;&lt;x&gt;&quot;\n}</pre>');
  });

  it('renders a table, or the "none" line when there is no row', () => {
    assert.equal(table(['A'], [], 'Nothing <here>.'), '<p class="none">Nothing &lt;here&gt;.</p>');
    assert.equal(table(['A'], []), '<p class="none">None.</p>');
    assert.equal(
      table(['A', 'B'], [['1', '<i>2</i>']]),
      '<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td><i>2</i></td></tr></tbody></table>',
    );
  });

  it('titles a section and adds a class only when given', () => {
    assert.equal(section('x', 'A & B', 'body'), '<section id="x"><h2>A &amp; B</h2>body</section>');
    assert.equal(section('x', 'T', '', 'appendix'), '<section id="x" class="appendix"><h2>T</h2></section>');
  });
});

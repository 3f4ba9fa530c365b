import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clip, html, md, mdFence } from './escape.js';

describe('report escaping', () => {
  it('makes HTML text and attribute breakouts inert', () => {
    assert.equal(html('"><img src=x onerror=alert(1)>'), '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    assert.equal(html("' onmouseover='x' `"), '&#39; onmouseover=&#39;x&#39; &#96;');
    assert.equal(html('</script><script>x</script>'), '&lt;/script&gt;&lt;script&gt;x&lt;/script&gt;');
    assert.equal(html('&lt;'), '&amp;lt;', 'entities are not decoded twice');
    assert.equal(html(null), '');
  });

  it('shows control, bidi and zero-width characters as visible escapes', () => {
    assert.equal(html('a\u001b[2Jb\u0007'), 'a\\x1b[2Jb\\x07');
    assert.equal(md('x\u202ey\u200bz\u0085'), 'x\\\\u202ey\\\\u200bz\\\\x85');
  });

  it('neutralises Markdown links, images, autolinks, emphasis, HTML and table cells', () => {
    assert.equal(md('[a](javascript:x)'), '\\[a\\]\\(javascript\\:x\\)');
    assert.equal(md('![p](http://e/x.png)'), '\\!\\[p\\]\\(http\\://e/x\\.png\\)');
    assert.equal(md('<https://e>'), '&lt;https\\://e&gt;');
    assert.equal(md('**b** _i_ `c` | # h'), '\\*\\*b\\*\\* \\_i\\_ \\`c\\` \\| \\# h');
    assert.equal(md('line1\nline2\r\n- item'), 'line1 line2 \\- item');
    assert.equal(md('a & "b"'), 'a &amp; &quot;b&quot;');
  });

  it('fences code with a fence longer than any backtick run inside', () => {
    const block = mdFence('x ```` y', 'json');
    assert.ok(block.startsWith('`````json\n'));
    assert.ok(block.endsWith('\n`````'));
    assert.ok(mdFence('plain').startsWith('```\n'));
  });

  it('clips very long values and says how much is left out', () => {
    assert.equal(clip('abc', 5), 'abc');
    assert.equal(clip('a'.repeat(10), 4), 'aaaa… (6 more characters)');
  });
});

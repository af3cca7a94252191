import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { escapeHtml, scriptJson } from './html.ts';

test('scriptJson: no character can end the <script> element or break a JS parser, and the value is kept', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
      for (const input of [value, { text }, [text, '</script>', '<!--', '\u2028\u2029']]) {
        const encoded = scriptJson(input);
        assert.not.match(encoded, /[<>&\u2028\u2029]/);
        assert.equal(JSON.parse(encoded), JSON.parse(JSON.stringify(input)));
      }
    }),
    { numRuns: 300 },
  );
});

test('escapeHtml: no markup character survives, control characters are replaced, entities decode back', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (text) => {
      const escaped = escapeHtml(text);
      assert.not.match(escaped, /[<>"']/);
      assert.not.match(escaped, /&(?!amp;|lt;|gt;|quot;|#39;)/);
      assert.not.match(escaped, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
      const decoded = escaped
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
      assert.is(decoded, text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\ufffd'));
    }),
    { numRuns: 500 },
  );
  assert.is(escapeHtml('</script><img src=x onerror="a(\'1\')">&'), '&lt;/script&gt;&lt;img src=x onerror=&quot;a(&#39;1&#39;)&quot;&gt;&amp;');
});

test.run();

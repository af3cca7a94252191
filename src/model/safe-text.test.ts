import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { escapeControls, isSafeLine, printablePath, quoted, safeJson, toSafeLine } from './safe-text.ts';

test('folds newlines, tabs and runs of spaces into single spaces', () => {
  assert.is(toSafeLine('  one\ntwo\r\n\tthree   four  '), 'one two three four');
});

test('removes terminal escape sequences and bidi overrides', () => {
  assert.is(toSafeLine('red \u001b[31mtext\u001b[0m and \u001b]8;;http://x\u0007link\u001b]8;;\u0007'), 'red text and link');
  assert.is(toSafeLine('abc\u202edcba\u2066x'), 'abcdcbax');
});

test('the result is always one line without control characters, and stable', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (text) => {
      const line = toSafeLine(text);
      assert.not.match(line, /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
      assert.is(line, line.trim());
      assert.ok(isSafeLine(line));
      assert.is(toSafeLine(line), line);
    }),
    { numRuns: 500 },
  );
});

test('paths print unchanged unless they hold control characters, which are escaped and quoted', () => {
  assert.is(printablePath('src/a b/ü.ts'), 'src/a b/ü.ts');
  assert.is(printablePath('evil\n\u001b[2Jname'), '"evil\\n\\u001b[2Jname"');
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (path) => {
      assert.not.match(printablePath(path), /[\u0000-\u001f\u007f-\u009f]/);
    }),
  );
});

test('safeJson is the same JSON with every raw separator, bidi, C1 and invisible character escaped', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const text = safeJson(value);
      assert.equal(JSON.parse(text), JSON.parse(JSON.stringify(value)));
      assert.not.match(text, /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b]/);
    }),
  );
  assert.is(escapeControls('a\u001b[2Jb\u202e'), 'a\\u001b[2Jb\\u202e');
  assert.is(quoted('x\u2028'), '"x\\u2028"');
});

test.run();

// CODEOWNERS semantics of path patterns, as properties over generated paths.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { MAX_PATTERN_LENGTH, compilePattern, lastMatchingRule, patternProblem, toGlobs } from './paths.ts';

const segment = fc.stringMatching(/^[a-z0-9_. -]{1,8}$/).filter((s) => s !== '.' && s !== '..' && s.trim() === s);
const dirs = fc.array(segment, { minLength: 0, maxLength: 4 });
const RUNS = { numRuns: 300 };

test('a leading "/" anchors at the root: /name matches exactly the paths whose first folder is name', () => {
  fc.assert(
    fc.property(segment, dirs, segment, (name, rest, file) => {
      const match = compilePattern(`/${name}`);
      assert.ok(match([name, ...rest, file].join('/')));
      const deeper = ['top', ...rest, name, file];
      assert.is(match(deeper.join('/')), deeper[0] === name);
      const path = [...rest, file].join('/');
      assert.is(match(path), [...rest, file][0] === name);
    }),
    RUNS,
  );
});

test('a pattern without "/" matches at any depth, as a file or a directory', () => {
  fc.assert(
    fc.property(segment, dirs, dirs, (name, above, below) => {
      assert.ok(compilePattern(name)([...above, name, ...below].join('/')));
    }),
    RUNS,
  );
});

test('"*" never crosses "/": dir/*.ts matches files directly in dir, not in its subfolders', () => {
  fc.assert(
    fc.property(segment, segment, segment, (dir, sub, file) => {
      const match = compilePattern(`${dir}/*.ts`);
      assert.ok(match(`${dir}/${file}.ts`));
      assert.not.ok(match(`${dir}/${sub}/${file}.ts`));
    }),
    RUNS,
  );
});

test('"dir/" and "dir" match the directory and everything under it; "dir/*" one level only', () => {
  fc.assert(
    fc.property(segment, segment, dirs, (dir, file, deeper) => {
      const path = [dir, ...deeper, file].join('/');
      assert.ok(compilePattern(`/${dir}/`)(path));
      assert.ok(compilePattern(`/${dir}`)(path));
      assert.is(compilePattern(`/${dir}/*`)(path), deeper.length === 0);
    }),
    RUNS,
  );
});

test('"**" in the middle spans any number of folders, including none', () => {
  fc.assert(
    fc.property(segment, dirs, segment, (top, middle, file) => {
      assert.ok(compilePattern(`${top}/**/${file}`)([top, ...middle, file].join('/')));
    }),
    RUNS,
  );
});

test('the last matching rule wins, and the deciding pattern is returned', () => {
  fc.assert(
    fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), dirs, segment, (matches, above, file) => {
      const path = [...above, file].join('/');
      const rules = matches.map((matching, i) => ({ value: i, patterns: [matching ? '**' : `/no-such-dir-${i}/`] }));
      const expected = matches.lastIndexOf(true);
      const found = lastMatchingRule(rules)(path);
      if (expected < 0) assert.is(found, undefined);
      else assert.equal(found, { value: expected, pattern: '**' });
    }),
    RUNS,
  );
});

test('fixed CODEOWNERS cases', () => {
  const cases: [string, string, boolean][] = [
    ['*.js', 'a/b/c.js', true],
    ['*.js', 'a/b/c.jsx', false],
    ['docs/*', 'docs/a.md', true],
    ['docs/*', 'docs/a/b.md', false],
    ['apps/', 'x/apps/y.ts', true],
    ['/apps/', 'x/apps/y.ts', false],
    ['services/*/auth/**', 'services/api/auth/token.ts', true],
    ['services/*/auth/**', 'services/api/v1/auth/token.ts', false],
    ['libs/payments/**', 'libs/payments/deep/x.ts', true],
    ['**', '.github/workflows/ci.yml', true],
    ['**/logs', 'deep/down/logs/today.txt', true],
  ];
  for (const [pattern, path, expected] of cases) assert.is(compilePattern(pattern)(path), expected, `${pattern} vs ${path} (${toGlobs(pattern).join(' ')})`);
});

test('only wildmatch syntax is special: parentheses, braces, "+", "@", "|", "$" are themselves', () => {
  const cases: [string, string, boolean][] = [
    ['foo(1).ts', 'a/foo(1).ts', true],
    ['{a,b}.ts', 'a.ts', false],
    ['{a,b}.ts', '{a,b}.ts', true],
    ['+(x)', '+(x)', true],
    ['a|b', 'a', false],
    ['$HOME', 'x/$HOME', true],
    ['[!a]b', 'cb', true],
    ['[!a]b', 'ab', false],
    ['a\\*', 'a*', true],
    ['a\\*', 'ab', false],
    ['\\\\$', '\\$', true],
    ['docs/', 'docs', false],
    ['docs/**', 'docs', false],
    ['docs/**', 'docs/a/b', true],
    ['***/a', 'a', true],
    ['a**b', 'a/b', false],
  ];
  for (const [pattern, path, expected] of cases) assert.is(compilePattern(pattern)(path), expected, `${pattern} vs ${path} (${toGlobs(pattern).join(' ')})`);
});

test('any character in a name matches: line separators, controls, invisible characters', () => {
  const odd = fc.stringMatching(/^[^/\u0000]{1,6}$/, { unit: 'binary' } as never).filter((s) => s !== '.' && s !== '..');
  fc.assert(
    fc.property(fc.array(odd, { minLength: 1, maxLength: 4 }), (parts) => {
      const path = parts.join('/');
      assert.ok(compilePattern('**')(path));
      if (parts[0].trim() === parts[0]) assert.ok(compilePattern(`/${parts[0].replace(/[*?[\\]/g, '\\$&')}`)(path));
      assert.ok(compilePattern(`*`)(path));
    }),
    RUNS,
  );
  for (const name of ['a\nb', 'a\rb', 'a\u2028b', 'a\u2029b', '\u0085', '\u001b[31m']) {
    assert.ok(compilePattern('services/*/auth/**')(`services/${name}/auth/${name}`), JSON.stringify(name));
    assert.ok(compilePattern('*.ts')(`x/${name}.ts`), JSON.stringify(name));
  }
});

test('unusable patterns are named by patternProblem and match nothing if compiled anyway', () => {
  for (const bad of ['', '   ', ' a', 'a ', '!a', 'a[b', 'a\\', 'x'.repeat(MAX_PATTERN_LENGTH + 1), 'a\u0000b']) {
    assert.ok(patternProblem(bad), JSON.stringify(bad));
    assert.not.ok(compilePattern(bad)('a'));
  }
  for (const good of ['**', 'a[]]b', 'a[[:alpha:]]', '\\!a', 'x'.repeat(MAX_PATTERN_LENGTH)]) assert.is(patternProblem(good), undefined, good);
});

test.run();

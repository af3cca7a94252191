// Zone patterns agree with git's own matching: each generated pattern is written to a .gitignore
// and git check-ignore --no-index decides the same generated names (any character but NUL and
// "/", line separators and control characters included). Patterns are drawn from the syntax both
// read alike: literals, "*", "?", "**" segments, a leading and a trailing "/". Left out on
// purpose: a final "/*", which CODEOWNERS stops at one level and gitignore does not (pinned in
// src/model/paths.test.ts), and negation, which zones refuse. One documented difference is
// skipped: git's "?" matches one byte of a multi-byte character, ours the whole character.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compilePattern, toGlobs } from '../../src/model/paths.ts';
import { TempRepo, cleanupTempDirs } from '../helpers/repo.ts';

const LITERALS = ['a', 'b', 'é', '.', '(', ')', '{', '}', ',', '+', '@', '|', '$', '^', '-', '~', '%', '='];
const NAME_ONLY = ['\n', '\r', '\u2028', '\u2029', '\t', ' ', '\u0007', '\u001b', '\u0085', 'A', '*', '?', '[', '\\', '!', '#', '\u200b'];

const literal = fc.constantFrom(...LITERALS);
const token = fc.oneof({ weight: 3, arbitrary: literal }, fc.constant('*'), fc.constant('?'));
const segment = fc
  .array(token, { minLength: 1, maxLength: 3 })
  .map((tokens) => tokens.join(''))
  .filter((s) => s !== '.' && s !== '..');
const patternSegment = fc.oneof({ weight: 5, arbitrary: segment }, fc.constant('**'));

const pattern = fc
  .record({ anchored: fc.boolean(), segments: fc.array(patternSegment, { minLength: 1, maxLength: 3 }), directory: fc.boolean() })
  .map(({ anchored, segments, directory }) => `${anchored ? '/' : ''}${segments.join('/')}${directory ? '/' : ''}`)
  .filter((p) => {
    const body = p.replace(/^\/+/, '').replace(/\/+$/, '');
    return !(body.endsWith('/*') && !p.endsWith('/'));
  });

const nameChar = fc.constantFrom(...LITERALS, ...NAME_ONLY);
const nameSegment = fc
  .array(nameChar, { minLength: 1, maxLength: 4 })
  .map((chars) => chars.join(''))
  .filter((s) => s !== '.' && s !== '..');
const randomName = fc.array(nameSegment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));

/** A name built from the pattern itself, so that matches are common, not rare. */
function nameFrom(p: string, fill: string[]): string {
  let k = 0;
  const next = () => fill[k++ % fill.length];
  const parts = p
    .replace(/^\/+/, '')
    .split('/')
    .filter(Boolean)
    .flatMap((part) =>
      part === '**'
        ? fill.slice(0, k++ % 3).map((f) => f || 'x')
        : [part.replace(/\*/g, () => next().replace(/\//g, '')).replace(/\?/g, () => next()[0] ?? 'q')],
    );
  const tail = p.endsWith('/') || k % 2 ? [next() || 'leaf'] : [];
  return [...(k % 3 === 0 ? [] : [next() || 'top']), ...parts, ...tail]
    .filter((part) => part && part !== '.' && part !== '..' && !part.includes('/'))
    .join('/');
}

// Made inside the test: other suites' cleanupTempDirs remove every temporary folder made so far.
let repo: TempRepo;

function gitMatches(p: string, names: readonly string[]): boolean[] {
  const gitignore = join(repo.dir, '.gitignore');
  writeFileSync(gitignore, `${p}\n`);
  const out = repo.gitResult(['-c', 'core.ignorecase=false', 'check-ignore', '--no-index', '-z', '--stdin', '-v', '-n'], {
    input: names.map((name) => `${name}\0`).join(''),
  });
  assert.ok(out.status === 0 || out.status === 1, out.stderr);
  const fields = out.stdout.split('\0');
  return names.map((_, i) => fields[4 * i] !== '');
}

test('zone patterns match the same names as git check-ignore, for any character in a name', () => {
  repo = new TempRepo();
  fc.assert(
    fc.property(pattern, fc.array(randomName, { minLength: 1, maxLength: 8 }), fc.array(nameSegment, { minLength: 1, maxLength: 6 }), (p, random, fill) => {
      // git's "?" matches one byte, ours one character: names with a multi-byte character are
      // compared only for patterns without "?".
      const names = [...new Set([...random, nameFrom(p, fill), nameFrom(p, [...fill].reverse())])].filter(
        (name) => name !== '' && name !== '.gitignore' && !(p.includes('?') && /[^\x00-\x7f]/.test(name)),
      );
      if (!names.length) return;
      const expected = gitMatches(p, names);
      const match = compilePattern(p);
      for (const [i, name] of names.entries()) {
        assert.is(match(name), expected[i], `pattern ${JSON.stringify(p)} (${toGlobs(p).join(' ')}) on ${JSON.stringify(name)}: git says ${expected[i]}`);
      }
    }),
    { numRuns: 150 },
  );
});

test('a name with a line separator or control character is matched by "**" zones like any other', () => {
  for (const name of ['a\nb.ts', 'services/x\r/auth/k.ts', 'services/api/auth/\u2028.ts', 'services/\u2029/auth/\u001b[2J.ts', 'x\u0085y']) {
    assert.ok(compilePattern('**')(name), JSON.stringify(name));
    if (name.includes('/auth/')) assert.ok(compilePattern('services/*/auth/**')(name), JSON.stringify(name));
  }
});

test.after(cleanupTempDirs);
test.run();

// A hostile .provenance.yml: blank, huge or malformed patterns, an alias bomb, a fix pattern
// that would backtrack forever. Each ends in one line naming file:line:field and exit 2 (or, for
// a pattern RE2 runs in linear time, a report that finishes), never a hang or a stack trace.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TempRepo, cleanupTempDirs } from '../helpers/repo.ts';
import { PATTERN_TIME_BOUND_MS, assertHandled } from './helpers.ts';

const Hostile = suite('hostile config');
Hostile.after(cleanupTempDirs);

function repoWith(config: string): TempRepo {
  const repo = new TempRepo();
  repo.commit('init', { '.provenance.yml': config, 'a.txt': 'a\n' });
  return repo;
}

Hostile('blank, padded, over-long, negated and malformed zone patterns are config errors (exit 2, file:line:field)', () => {
  const cases: [string, RegExp][] = [
    ['zones:\n  - name: z\n    paths: [""]\n    allow: [none]\n', /^git-provenance: \.provenance\.yml:3: zones\[0\]\.paths\[0\]: path pattern "" is blank/m],
    ['zones:\n  - name: z\n    paths: ["src/[a"]\n', /\.provenance\.yml:3: zones\[0\]\.paths\[0\]: .*unclosed "\["/],
    ['zones:\n  - name: z\n    paths: ["!src/**"]\n', /\.provenance\.yml:3: zones\[0\]\.paths\[0\]: .*negation is not supported/],
    [`zones:\n  - name: z\n    paths: ["${'x/'.repeat(40_000)}"]\n`, /\.provenance\.yml:3: zones\[0\]\.paths\[0\]: .*over the limit of 4096/],
    ['zones:\n  - name: z\n    paths: ["**"]\n    reviewers: ["a\\e[31m@x.com"]\n', /\.provenance\.yml:4: zones\[0\]\.reviewers\[0\]/],
  ];
  for (const [config, message] of cases) {
    const repo = repoWith(config);
    for (const args of [
      ['check', 'HEAD'],
      ['zones', 'a.txt'],
      ['report', '--no-cache'],
    ]) {
      const result = repo.cli(args);
      assertHandled(result, 2, `${args[0]} with ${config.slice(0, 60)}`);
      assert.match(result.stderr, message);
      assert.is(result.stderr.trim().split('\n').length, 1, result.stderr);
    }
  }
});

Hostile('a YAML alias bomb is refused quickly with exit 2', () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 0; i < 9; i++)
    bomb.push(
      `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
        .fill(`*${String.fromCharCode(97 + i)}`)
        .join(',')}]`,
    );
  const repo = repoWith(`${bomb.join('\n')}\n`);
  const started = Date.now();
  const result = repo.cli(['check', 'HEAD']);
  assertHandled(result, 2, 'alias bomb');
  assert.match(result.stderr, /aliases too many times/);
  assert.ok(Date.now() - started < PATTERN_TIME_BOUND_MS);
});

Hostile('a catastrophic fix pattern runs in linear time; one needing backtracking is refused', () => {
  const repo = repoWith('rework:\n  fixPattern: "(a+)+$"\n');
  repo.commit(`${'a'.repeat(5_000)}!`, { 'b.txt': 'b\n' });
  const started = Date.now();
  const result = repo.cli(['report', '--no-cache', '--format', 'json']);
  assertHandled(result, 0, 'report with (a+)+$');
  assert.ok(Date.now() - started < PATTERN_TIME_BOUND_MS, `took ${Date.now() - started} ms`);
  const backreference = repoWith('rework:\n  fixPattern: "(fix)\\\\1"\n');
  const refused = backreference.cli(['report', '--no-cache']);
  assertHandled(refused, 2, 'backreference');
  assert.match(refused.stderr, /\.provenance\.yml:2: rework\.fixPattern: is not a regular expression the linear-time engine \(RE2\) accepts/);
});

Hostile.run();

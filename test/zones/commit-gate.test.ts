// The commit gate (commit-msg) on real repositories: refused before the commit exists, with the
// file, its zone and the allowed levels; allowed levels go through.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTempDirs } from '../helpers/repo.ts';
import { EXAMPLE_CONFIG, zonedRepo } from './fixture.ts';

const Gate = suite('commit gate');
Gate.after(cleanupTempDirs);

Gate('generated in services/api/auth is refused naming the file and human-only; none goes through', () => {
  const z = zonedRepo();
  const before = z.repo.git('rev-parse', 'HEAD').trim();
  const refused = z.commit('Rotate tokens', { 'services/api/auth/token.ts': 'export const token = 2;\n' }, 'generated');
  assert.is(refused.status, 1, refused.stderr);
  assert.match(refused.stderr, 'services/api/auth/token.ts → human-only (allows none)');
  assert.match(refused.stderr, 'split the commit');
  assert.is(z.repo.git('rev-parse', 'HEAD').trim(), before, 'no commit was created');
  const allowed = z.commit('Rotate tokens', {}, 'none');
  assert.is(allowed.status, 0, allowed.stderr);
  assert.is.not(z.repo.git('rev-parse', 'HEAD').trim(), before);
});

Gate('assisted in an ai-friendly path passes; generated in the reviewed zone passes with a review notice', () => {
  const z = zonedRepo();
  assert.is(z.commit('Docs', { 'docs/guide.md': 'hi\n' }, 'generated').status, 0);
  const reviewed = z.commit('Handler', { 'services/api/handlers/list.ts': 'x\n' }, 'generated');
  assert.is(reviewed.status, 0, reviewed.stderr);
  assert.match(reviewed.stderr, 'zone reviewed needs a review');
  assert.match(reviewed.stderr, 'lead@example.com');
});

Gate('a rename counts for its old path: moving a human-only file out in a generated commit is refused', () => {
  const z = zonedRepo();
  z.repo.git('mv', 'libs/payments/charge.ts', 'charge.ts');
  const refused = z.commit('Move charge', {}, 'generated');
  assert.is(refused.status, 1, refused.stderr);
  assert.match(refused.stderr, 'libs/payments/charge.ts (renamed to charge.ts) → human-only');
});

Gate('a rename counts for its new path: moving a file into a human-only zone in an assisted commit is refused', () => {
  const z = zonedRepo();
  assert.is(z.commit('Add util', { 'docs/util.ts': 'export const util = 1;\nexport const more = 2;\n' }, 'none').status, 0);
  z.repo.git('mv', 'docs/util.ts', 'libs/payments/util.ts');
  const refused = z.commit('Move util', {}, 'assisted');
  assert.is(refused.status, 1, refused.stderr);
  assert.match(refused.stderr, 'libs/payments/util.ts → human-only');
});

Gate('deleting a human-only file counts: a generated deletion is refused', () => {
  const z = zonedRepo();
  const refused = z.commit('Drop charge', { 'libs/payments/charge.ts': null }, 'generated');
  assert.is(refused.status, 1, refused.stderr);
  assert.match(refused.stderr, 'libs/payments/charge.ts → human-only');
});

Gate('paths with spaces, unicode and a leading dash are matched and named exactly', () => {
  const z = zonedRepo();
  const refused = z.commit(
    'Odd names',
    {
      'libs/payments/my file.ts': 'a\n',
      'libs/payments/café-€.ts': 'b\n',
      'libs/payments/-rf.ts': 'c\n',
      'docs/-ok.md': 'd\n',
    },
    'generated',
  );
  assert.is(refused.status, 1, refused.stderr);
  assert.match(refused.stderr, 'libs/payments/my file.ts → human-only');
  assert.match(refused.stderr, 'libs/payments/café-€.ts → human-only');
  assert.match(refused.stderr, 'libs/payments/-rf.ts → human-only');
  assert.not.match(refused.stderr, 'docs/-ok.md →');
  const zones = z.repo.json(['zones', '--json', '--', '-top.ts', 'libs/payments/-rf.ts', 'libs/payments/my file.ts']);
  assert.equal(
    zones.map((item: { path: string; zone: string }) => [item.path, item.zone]),
    [
      ['-top.ts', 'ai-friendly'],
      ['libs/payments/-rf.ts', 'human-only'],
      ['libs/payments/my file.ts', 'human-only'],
    ],
  );
});

Gate('a symlink is judged by its own path, not by where it points', () => {
  const z = zonedRepo();
  symlinkSync('../libs/payments/charge.ts', join(z.repo.dir, 'docs-link.ts'));
  assert.is(z.commit('Link out of the zone', {}, 'generated').status, 0, 'a link outside the zone may point into it');
  symlinkSync('../../README.md', join(z.repo.dir, 'libs/payments/readme-link'));
  const refused = z.commit('Link inside the zone', {}, 'generated');
  assert.is(refused.status, 1, refused.stderr);
  assert.match(refused.stderr, 'libs/payments/readme-link → human-only');
});

Gate('a commit with no level is left to the push gate; --no-verify skips the gate', () => {
  const z = zonedRepo();
  assert.is(z.commit('No level', { 'libs/payments/charge.ts': 'x\n' }).status, 0);
  assert.is(z.commit('Skipped', { 'libs/payments/charge.ts': 'y\n' }, 'generated', ['--no-verify']).status, 0);
});

Gate('git commit -a and a path-only commit are judged on the index being committed', () => {
  const z = zonedRepo();
  z.repo.write('libs/payments/charge.ts', 'changed\n');
  z.repo.write('docs/readme.md', 'changed\n');
  const all = z.repo.gitResult([
    'commit',
    '-q',
    '-a',
    '-m',
    'all',
    '--trailer',
    'AI-Assistance: generated',
    '--trailer',
    'AI-Explanation: Docs change written to test index-based judging',
  ]);
  assert.is(all.status, 1, 'commit -a includes the tracked human-only file');
  z.repo.git('add', 'docs/readme.md');
  const only = z.repo.gitResult([
    'commit',
    '-q',
    '-m',
    'docs only',
    '--trailer',
    'AI-Assistance: generated',
    '--trailer',
    'AI-Explanation: Docs change written to test index-based judging',
    '--',
    'docs/readme.md',
  ]);
  assert.is(only.status, 0, only.stderr);
});

Gate('check --staged shows the zones touched and the levels allowed; --level checks one', () => {
  const z = zonedRepo();
  z.repo.write('libs/payments/charge.ts', 'changed\n');
  z.repo.write('docs/a.md', 'a\n');
  z.repo.git('add', '-A');
  const shown = z.repo.cli(['check', '--staged']);
  assert.is(shown.status, 0, shown.stderr);
  assert.match(shown.stdout, 'levels allowed for this commit: none');
  const json = JSON.parse(z.repo.cli(['check', '--staged', '--json']).stdout);
  assert.equal(json.allowed, ['none']);
  const refused = z.repo.cli(['check', '--staged', '--level', 'assisted', '--json']);
  assert.is(refused.status, 1);
  assert.equal(
    JSON.parse(refused.stdout).violations.map((v: { path: string; zone: string }) => [v.path, v.zone]),
    [['libs/payments/charge.ts', 'human-only']],
  );
  assert.is(z.repo.cli(['check', '--staged', '--level', 'bogus']).status, 2);
});

Gate('the commit gate and check --staged word the same refusal identically', () => {
  const z = zonedRepo();
  z.repo.git('mv', 'libs/payments/charge.ts', 'charge.ts');
  z.repo.write('services/api/auth/token.ts', 'export const token = 2;\n');
  z.repo.write('docs/guide.md', 'hi\n');
  z.repo.git('add', '-A');
  const checked = z.repo.cli(['check', '--staged', '--level', 'generated']);
  assert.is(checked.status, 1, checked.stderr);
  const start = checked.stdout.indexOf('commit refused: ');
  assert.ok(start >= 0, checked.stdout);
  const refusal = checked.stdout.slice(start);
  assert.match(refusal, 'libs/payments/charge.ts (renamed to charge.ts) → human-only (allows none)\n');
  assert.match(refusal, 'services/api/auth/token.ts → human-only (allows none)\n');
  const refused = z.commit('Move and rotate', {}, 'generated');
  assert.is(refused.status, 1, refused.stderr);
  assert.ok(refused.stderr.includes(`git-provenance: ${refusal}`), `gate said:\n${refused.stderr}\ncheck --staged said:\n${refusal}`);
});

Gate('colour follows NO_COLOR and FORCE_COLOR alike in the gate and in check --staged', () => {
  const z = zonedRepo();
  z.repo.write('libs/payments/charge.ts', 'changed\n');
  z.repo.git('add', '-A');
  const red = '\u001b[31m';
  delete z.repo.env.NO_COLOR;
  z.repo.env.FORCE_COLOR = '1';
  assert.ok(z.repo.cli(['check', '--staged', '--level', 'generated']).stdout.includes(red), 'FORCE_COLOR colours check --staged');
  assert.ok(z.commit('Forced', {}, 'generated').stderr.includes(red), 'FORCE_COLOR colours the gate');
  z.repo.env.NO_COLOR = '1';
  assert.not.ok(z.repo.cli(['check', '--staged', '--level', 'generated']).stdout.includes('\u001b['), 'NO_COLOR wins in check --staged');
  const plain = z.commit('Plain', {}, 'generated');
  assert.is(plain.status, 1, plain.stderr);
  assert.not.ok(plain.stderr.includes('\u001b['), 'NO_COLOR wins in the gate');
});

Gate('the gate follows edits of .provenance.yml at once (its cache is keyed by the text)', () => {
  const z = zonedRepo();
  assert.is(z.commit('Docs', { 'docs/a.md': 'a\n' }, 'generated').status, 0);
  z.repo.write('.provenance.yml', EXAMPLE_CONFIG.replace('"libs/payments/**"]', '"libs/payments/**", "docs/"]'));
  const refused = z.commit('Docs again', { 'docs/a.md': 'b\n' }, 'generated');
  assert.is(refused.status, 1, refused.stderr);
  assert.match(refused.stderr, 'docs/a.md → human-only');
  z.repo.write('.provenance.yml', 'zones: [oops\n');
  const broken = z.commit('Docs again', { 'docs/a.md': 'c\n' }, 'none');
  assert.is(broken.status, 1, 'git reports any hook failure as 1');
  assert.match(broken.stderr, '.provenance.yml:');
});

Gate.run();

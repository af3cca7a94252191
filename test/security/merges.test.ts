// Merges are judged on what they change beyond a clean merge of their parents: an evil merge,
// a fake merge made with commit-tree, an octopus. A plain merge of checked commits passes.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanupTempDirs, run } from '../helpers/repo.ts';
import { flat, zonedRepo } from '../zones/fixture.ts';
import { assertHandled } from './helpers.ts';

const Merges = suite('merges');
Merges.after(cleanupTempDirs);

const GENERATED = '\n\nAI-Assistance: generated\nAI-Explanation: Merges the side branch into main for the release';

Merges('an evil merge that edits a human-only file is refused; a clean merge passes', () => {
  const z = zonedRepo();
  z.repo.git('checkout', '-q', '-b', 'side');
  assert.is(z.commit('Docs', { 'docs/a.md': 'a\n' }, 'generated').status, 0);
  z.repo.git('checkout', '-q', 'main');
  assert.is(z.commit('Readme', { 'README.md': 'hello again\n' }, 'none').status, 0);
  const merge = run('git', ['merge', '-q', '--no-ff', '--no-commit', 'side'], { cwd: z.repo.dir, env: z.repo.env });
  assert.is(merge.status, 0, merge.stderr);
  z.repo.git('commit', '-q', '--no-verify', '-m', `Merge side${GENERATED}`);
  assertHandled(z.repo.cli(['check', 'origin/main..HEAD']), 0, 'clean merge');
  z.repo.git('reset', '-q', '--hard', 'HEAD~1');
  assert.is(run('git', ['merge', '-q', '--no-ff', '--no-commit', 'side'], { cwd: z.repo.dir, env: z.repo.env }).status, 0);
  z.repo.write('libs/payments/charge.ts', 'export const charge = 999;\n');
  z.repo.git('add', '-A');
  z.repo.git('commit', '-q', '--no-verify', '-m', `Merge side${GENERATED}`);
  const evil = z.repo.cli(['check', 'origin/main..HEAD']);
  assertHandled(evil, 1, 'evil merge');
  assert.match(flat(evil.stdout), 'libs/payments/charge.ts');
});

Merges('a fake merge (commit-tree with two parents) and an octopus are judged on their own changes', () => {
  const z = zonedRepo();
  assert.is(z.commit('One', { 'docs/one.md': '1\n' }, 'none').status, 0);
  assert.is(z.commit('Two', { 'docs/two.md': '2\n' }, 'none').status, 0);
  z.repo.write('libs/payments/charge.ts', 'export const charge = 7;\n');
  z.repo.git('add', '-A');
  const tree = z.repo.git('write-tree').trim();
  const fake = z.repo.git('commit-tree', tree, '-p', 'HEAD', '-p', 'HEAD~1', '-m', `Fake${GENERATED}`).trim();
  z.repo.git('reset', '-q', '--hard', fake);
  const check = z.repo.cli(['check', 'origin/main..HEAD']);
  assertHandled(check, 1, 'fake merge');
  assert.match(flat(check.stdout), 'libs/payments/charge.ts');
  const octopus = z.repo.git('commit-tree', tree, '-p', 'HEAD~1', '-p', 'HEAD~2', '-p', 'origin/main', '-m', `Octopus${GENERATED}`).trim();
  const octo = z.repo.cli(['check', `origin/main..${octopus}`]);
  assertHandled(octo, 1, 'octopus');
  assert.match(flat(octo.stdout), 'libs/payments/charge.ts');
  const push = z.push('-q', 'origin', 'main');
  assert.is(push.status, 1, 'the push gate refuses the fake merge too');
});

Merges.run();

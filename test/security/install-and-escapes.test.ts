// Repository content attacking the person running the tool: a committed hook that is a symlink
// out of the repository, and escape sequences in trailers and names.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TempRepo, cleanupTempDirs, tempDir } from '../helpers/repo.ts';
import { assertHandled, snapshot } from './helpers.ts';

const Content = suite('hostile content');
Content.after(cleanupTempDirs);

Content('install and uninstall never write through a symlink that leaves the repository', () => {
  const outside = tempDir('gp-outside-');
  const victim = join(outside, 'bashrc');
  writeFileSync(victim, 'echo mine\n');
  const cases: ((repo: TempRepo) => void)[] = [
    (repo) => symlinkSync(victim, join(repo.dir, '.githooks', 'commit-msg')),
    (repo) => symlinkSync(join(outside, 'missing'), join(repo.dir, '.githooks', 'pre-push')),
    (repo) => {
      mkdirSync(join(outside, 'hooks'), { recursive: true });
      symlinkSync(join(outside, 'hooks'), join(repo.dir, '.githooks', 'sub'));
      repo.git('config', 'core.hooksPath', '.githooks/sub');
    },
  ];
  for (const arrange of cases) {
    const repo = new TempRepo();
    mkdirSync(join(repo.dir, '.githooks'));
    arrange(repo);
    const before = snapshot(outside);
    const result = repo.cli(['install', '--mode', 'hooks-path']);
    assertHandled(result, 2, 'install');
    assert.match(
      result.stderr,
      /symbolic link leading out of the repository; nothing was changed|symbolic link leading out of the repository \(to .*\); nothing was changed/,
    );
    assert.equal(snapshot(outside), before, 'nothing outside the repository changed');
    const uninstall = repo.cli(['uninstall']);
    assert.ok(uninstall.status === 0 || uninstall.status === 2, uninstall.stderr);
    assertHandled(uninstall, uninstall.status, 'uninstall');
    assert.equal(snapshot(outside), before, 'uninstall changed nothing outside either');
  }
  assert.is(readFileSync(victim, 'utf8'), 'echo mine\n');
});

Content('escape sequences in trailers, names and paths never reach the terminal raw', () => {
  const repo = new TempRepo();
  repo.commit(
    'init',
    {
      '.provenance.yml': 'zones:\n  - name: reviewed\n    paths: ["**"]\n    reviewRequiredFor: [generated]\n    reviewers: ["lead@example.com"]\n',
    },
    { args: ['--trailer', 'AI-Assistance: none'] },
  );
  const esc = '\u001b]0;pwned\u0007\u001b[2J\u001b[31m';
  const message = [
    `subject ${esc}`,
    '',
    'AI-Assistance: generated',
    `AI-Explanation: explains ${esc} the change well enough`,
    `Assisted-by: to${esc}ol:mo${esc}del`,
    `Reviewed-by: Evil ${esc} <lead${esc}@example.com>`,
    `Co-authored-by: Claude ${esc} <noreply@anthropic.com>`,
  ].join('\n');
  repo.commit(message, { [`dir${esc}/file\u202e.ts`]: 'x\n' }, { env: { GIT_AUTHOR_NAME: `Ada ${esc}`, GIT_AUTHOR_EMAIL: `ada${esc}@example.com` } });
  for (const args of [
    ['show'],
    ['show', '--json'],
    ['check', 'HEAD'],
    ['check', 'HEAD', '--json'],
    ['check', 'HEAD', '--format', 'github'],
    ['zones'],
    ['report', '--no-cache'],
    ['report', '--no-cache', '--format', 'markdown'],
    ['review', 'HEAD', '--by', 'lead@example.com'],
  ]) {
    const result = repo.cli(args);
    assertHandled(result, result.status === 1 ? 1 : 0, args.join(' '));
  }
});

Content.run();

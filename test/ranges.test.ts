// One range grammar for `check` and `report`: the same words are accepted (naming the same
// commits) or refused (with the same one line, exit 2) by both.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanupTempDirs, TempRepo } from './helpers/repo.ts';

const Ranges = suite('ranges');
Ranges.after(cleanupTempDirs);

function repoWithBranch() {
  const repo = new TempRepo();
  for (let i = 1; i <= 3; i++) repo.commit(`main ${i}`, { [`m${i}.txt`]: `${i}\n` });
  repo.git('branch', 'side');
  for (let i = 4; i <= 5; i++) repo.commit(`main ${i}`, { [`m${i}.txt`]: `${i}\n` });
  repo.git('checkout', '-q', 'side');
  repo.commit('side 1', { 's1.txt': 's\n' });
  repo.git('checkout', '-q', 'main');
  return repo;
}

function both(repo: TempRepo, words: string[]) {
  return {
    check: repo.cli(['check', '--json', ...words]),
    report: repo.cli(['report', '--no-cache', '--format', 'json', ...words]),
  };
}

Ranges('accepted by both, naming the same commits: A..B, ^A B, A.., ..B, -- <range>, one revision', () => {
  const repo = repoWithBranch();
  const cases: [string[], number][] = [
    [['main~2..main'], 2],
    [['^main~2 main'], 2],
    [['^main~2', 'main'], 2],
    [['main~2..'], 2],
    [['..side'], 1],
    [['--', 'main~2..main'], 2],
    [['--', '^main~3', 'main'], 3],
    [['main', '^side'], 2],
  ];
  for (const [words, count] of cases) {
    const { check, report } = both(repo, words);
    assert.is(check.status, 0, `check ${words.join(' ')}: ${check.stderr}`);
    assert.is(report.status, 0, `report ${words.join(' ')}: ${report.stderr}`);
    assert.is(JSON.parse(check.stdout).checked, count, `check ${words.join(' ')}`);
    assert.is(JSON.parse(report.stdout).range.commits, count, `report ${words.join(' ')}`);
  }
  // One revision: check checks that commit; report reports the history up to it.
  const { check, report } = both(repo, ['main~1']);
  assert.is(JSON.parse(check.stdout).checked, 1);
  assert.is(JSON.parse(report.stdout).range.end, repo.git('rev-parse', 'main~1').trim());
});

Ranges('refused by both with the same one line, exit 2: A...B, a bad revision, no end, two ends', () => {
  const repo = repoWithBranch();
  const cases: [string[], RegExp][] = [
    [['side...main'], /symmetric ranges \(side\.\.\.main\) are not supported/],
    [['--', 'side...main'], /symmetric ranges/],
    [['nosuch'], /unknown revision: nosuch\b/],
    [['main~2..nosuch'], /unknown revision: main~2\.\.nosuch \("nosuch" names no commit here\)/],
    [['^nosuch main'], /unknown revision: \^nosuch/],
    [['--', 'nosuch..main'], /unknown revision: nosuch\.\.main/],
    [['^main'], /has no end/],
    [['main side'], /has 2 ends \(main, side\)/],
    [['--', '-x'], /unknown revision: -x/],
  ];
  for (const [words, expected] of cases) {
    const { check, report } = both(repo, words);
    for (const [command, result] of [
      ['check', check],
      ['report', report],
    ] as const) {
      assert.is(result.status, 2, `${command} ${words.join(' ')}: ${result.stdout}${result.stderr}`);
      assert.match(result.stderr, expected, `${command} ${words.join(' ')}`);
      assert.is(result.stderr.trim().split('\n').length, 1, result.stderr);
    }
    assert.is(check.stderr, report.stderr, words.join(' '));
  }
});

Ranges('--staged and --pre-receive take no range, also after --', () => {
  const repo = repoWithBranch();
  const staged = repo.cli(['check', '--staged', '--', 'main']);
  assert.is(staged.status, 2);
  assert.match(staged.stderr, /--staged takes no range/);
  assert.is(repo.cli(['check', '--pre-receive', 'main']).status, 2);
});

Ranges.run();

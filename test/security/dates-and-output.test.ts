// Absurd dates, write errors and spreadsheet formulas: one line and a documented exit code.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BIN, TempRepo, cleanupTempDirs } from '../helpers/repo.ts';
import { assertHandled } from './helpers.ts';

const Output = suite('dates and output');
Output.after(cleanupTempDirs);

Output('a commit dated in the year 318857 is reported with a warning, not a crash', () => {
  const repo = new TempRepo();
  repo.commit('old', { 'a.txt': 'a\n' }, { args: ['--trailer', 'AI-Assistance: none'] });
  repo.commit('future', { 'b.txt': 'b\n' }, { date: '@10000000000000 +0000', args: ['--trailer', 'AI-Assistance: generated'] });
  for (const args of [
    ['report', '--no-cache'],
    ['report', '--no-cache', '--format', 'csv'],
    ['report', '--no-cache', '--period', 'week'],
    ['show'],
    ['check', 'HEAD'],
  ]) {
    const result = repo.cli(args);
    assertHandled(result, 0, args.join(' '));
  }
  assert.match(repo.cli(['report', '--no-cache']).stderr, /is dated @10000000000000, outside the years 1970–9999/);
});

Output('a write error ends with one line and exit 74; a closed pipe is not an error', () => {
  const repo = new TempRepo();
  repo.commit('one', { 'a.txt': 'a\n' }, { args: ['--trailer', 'AI-Assistance: none'] });
  if (existsSync('/dev/full')) {
    for (const args of [['report', '--no-cache'], ['show'], ['report', '--no-cache', '--format', 'csv']]) {
      const result = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" ${args.join(' ')} > /dev/full`], {
        cwd: repo.dir,
        env: repo.env,
        encoding: 'utf8',
      });
      assertHandled({ status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr }, 74, `${args.join(' ')} > /dev/full`);
      assert.match(result.stderr, /^git-provenance: cannot write the output: ENOSPC/m);
      assert.is(result.stderr.trim().split('\n').length, 1, result.stderr);
    }
  }
  const piped = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" report --no-cache --format csv | head -c 1 >/dev/null`], {
    cwd: repo.dir,
    env: repo.env,
    encoding: 'utf8',
  });
  assert.is(piped.stderr, '');
});

Output('CSV cells that would start a spreadsheet formula are neutralised', () => {
  const repo = new TempRepo();
  repo.commit(
    'one',
    {
      '.provenance.yml': 'services:\n  "=HYPERLINK(\\"http://x\\")": ["a/**"]\n  "+cmd": ["b/**"]\n  "@sum": ["c/**"]\n  "-2": ["d/**"]\n',
      'a/x.txt': 'a\n',
      'b/x.txt': 'b\n',
      'c/x.txt': 'c\n',
      'd/x.txt': 'd\n',
    },
    { args: ['--trailer', 'AI-Assistance: none'] },
  );
  const result = repo.cli(['report', '--no-cache', '--format', 'csv']);
  assertHandled(result, 0, 'csv');
  const cells = result.stdout.split('\n').map((line) => line.split(',')[1] ?? '');
  for (const cell of cells) assert.not.match(cell.replace(/^"/, ''), /^[=+\-@]/, cell);
  assert.ok(cells.includes(`"'=HYPERLINK(""http://x"")"`) || cells.some((cell) => cell.startsWith(`"'=HYPERLINK`)), cells.join('|'));
  assert.ok(cells.includes(`'+cmd`));
});

Output.run();

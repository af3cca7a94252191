// The progress bar appears only on a terminal: run the report in a pseudo-terminal (`script`)
// on a history long enough to show it (2,000 commits or more).

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, cleanupTempDirs, run, TempRepo } from '../helpers/repo.ts';

test.after(cleanupTempDirs);

function longHistory(repo: TempRepo, commits: number): void {
  let stream = '';
  for (let i = 1; i <= commits; i++) {
    const body = `Change ${i}\n`;
    const content = `line ${i}\n`;
    stream += `commit refs/heads/main\ncommitter Ada <ada@example.com> ${1_700_000_000 + i * 60} +0000\ndata ${body.length}\n${body}`;
    stream += `M 100644 inline src/f${i % 50}.ts\ndata ${content.length}\n${content}\n`;
  }
  const imported = run('git', ['fast-import', '--quiet'], { cwd: repo.dir, env: repo.env, input: stream });
  assert.is(imported.status, 0, imported.stderr);
  repo.git('checkout', '-q', '-f', 'main');
}

test('on a terminal a long report shows a progress bar on stderr and finishes', () => {
  const repo = new TempRepo();
  longHistory(repo, 2100);
  const command = `"${process.execPath}" "${BIN}" report --no-cache --format csv`;
  const result = run('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd: repo.dir, env: { ...repo.env, TERM: 'xterm' } });
  assert.is(result.status, 0, result.stdout);
  assert.not.match(result.stdout, /internal error/);
  assert.match(result.stdout, /reading history/);
  assert.match(result.stdout, /period,service,level/);
  // Without a terminal there is no bar.
  const piped = repo.cli(['report', '--no-cache', '--format', 'csv']);
  assert.is(piped.status, 0);
  assert.not.match(piped.stderr, /reading history/);
});

test.run();

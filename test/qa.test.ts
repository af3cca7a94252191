// Bad input a user can give the CLI: each gets one line naming the thing and a documented exit
// code (README, "Exit codes"), never a stack trace or an "internal error".

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cleanupTempDirs, run, tempDir, TempRepo } from './helpers/repo.ts';

const QA = suite('bad input');
QA.after(cleanupTempDirs);

/** One line on stderr, no stack trace, no "internal error". */
function assertOneLine(stderr: string, what: string): void {
  assert.not.match(stderr, /internal error/, `${what}: ${stderr}`);
  assert.not.match(stderr, /\n\s+at /, `${what}: ${stderr}`);
  assert.is(stderr.trim().split('\n').length, 1, `${what}: ${stderr}`);
}

QA('a tree or blob id given to check is an unknown revision (exit 2), not an empty ok', () => {
  const repo = new TempRepo();
  repo.commit('One', { 'a.txt': 'a\n' });
  for (const rev of [repo.git('rev-parse', 'HEAD^{tree}').trim(), repo.git('rev-parse', 'HEAD:a.txt').trim()]) {
    for (const range of [rev, `HEAD..${rev}`, `${rev}..HEAD`]) {
      const result = repo.cli(['check', range]);
      assert.is(result.status, 2, `check ${range}: ${result.stdout}${result.stderr}`);
      assert.match(result.stderr, /unknown revision/);
      assertOneLine(result.stderr, `check ${range}`);
    }
  }
});

QA.run();

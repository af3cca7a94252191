// A commit of more files than the hooks count lines for (MAX_COUNTED_FILES): git's line count
// reads every staged blob, so the note goes without counts (`lineCounts: false`, docs/FORMAT.md),
// git is never asked for them, and every reader handles such a note. Up to the limit, and for
// renames (which the runner's quick tally overestimates), the counts are kept. GIT_TRACE shows
// which git commands the hooks ran.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_COUNTED_FILES } from '../../src/model/note.ts';
import { cleanupTempDirs, tempDir, type TempRepo } from '../helpers/repo.ts';
import { EXPLAIN, commit, installedRepo, note } from './helpers.ts';

test.after.each(() => cleanupTempDirs());

const RECORD = { GIT_PROVENANCE_LEVEL: 'assisted', GIT_PROVENANCE_EXPLAIN: EXPLAIN };

/** Writes `count` files under `dir` (two lines each) and stages them. */
function stageFiles(repo: TempRepo, dir: string, count: number): void {
  for (let i = 0; i < count; i++) repo.write(`${dir}/f${i}.ts`, `export const v${i} = ${i};\nexport default v${i};\n`);
  repo.git('add', '-A');
}

/** Commits with the hooks; returns the git commands they ran (GIT_TRACE). */
function tracedCommit(repo: TempRepo, subject: string): string {
  const trace = join(tempDir('gp-trace-'), 'trace');
  const made = commit(repo, ['-q', '-m', subject], { ...RECORD, GIT_TRACE: trace });
  assert.is(made.status, 0, made.stderr);
  return readFileSync(trace, 'utf8');
}

function leftInGitDir(repo: TempRepo): string[] {
  const gitDir = join(repo.dir, '.git');
  return readdirSync(gitDir).filter(
    (name) => name.startsWith('provenance-answers.') || (name === 'provenance-pending-note' && readFileSync(join(gitDir, name), 'utf8') !== ''),
  );
}

test('MAX_COUNTED_FILES files keep their counts; one more and the note has none (git never counted), which every reader takes; as many renames are counted', () => {
  const repo = installedRepo();
  repo.write('.provenance.yml', 'services:\n  api: ["api/**"]\nzones:\n  - name: core\n    paths: ["api/core/**"]\n');
  repo.git('add', '-A');
  repo.commit('base');

  stageFiles(repo, 'api/core', MAX_COUNTED_FILES);
  assert.match(tracedCommit(repo, 'feat: at the limit'), /--numstat/);
  const atLimit = note(repo);
  assert.is(atLimit.files.length, MAX_COUNTED_FILES);
  assert.not.ok('lineCounts' in atLimit);
  assert.ok(atLimit.files.every((file: { added?: number }) => file.added === 2));

  stageFiles(repo, 'api/more', MAX_COUNTED_FILES + 1);
  assert.not.match(tracedCommit(repo, 'feat: over the limit'), /--numstat/, 'the line count was never started');
  const over = note(repo);
  assert.is(over.lineCounts, false);
  assert.is(over.files.length, MAX_COUNTED_FILES + 1);
  assert.ok(over.files.every((file: object) => !('added' in file) && !('deleted' in file)));
  assert.equal(
    over.files.find((file: { path: string }) => file.path === 'api/more/f7.ts'),
    { path: 'api/more/f7.ts', service: 'api', zone: null },
  );
  assert.equal(leftInGitDir(repo), []);

  // The readers of a file entry's counts: show (text and JSON); check reads the note's record.
  // (report, export and line attribution take lines from git's diffs, never from the note.)
  const shown = repo.cli(['show']);
  assert.is(shown.status, 0, shown.stderr);
  assert.match(shown.stdout, /line counts\s+not recorded/);
  assert.not.match(shown.stdout, /undefined/);
  const json = repo.json(['show', '--json']);
  assert.is(json.level, 'assisted');
  assert.equal(json.warnings, []);
  assert.not.ok('added' in json.files[0]);
  const shownAtLimit = repo.cli(['show', 'HEAD~1']);
  assert.match(shownAtLimit.stdout, /api\/core\/f0\.ts .* \+2 -0/);
  assert.not.match(shownAtLimit.stdout, /line counts/);
  const checked = repo.cli(['check', 'HEAD~2..HEAD']);
  assert.is(checked.status, 0, checked.stderr);
  assert.not.match(checked.stderr, /note/i);

  // A rename is three NUL-separated fields: more than twice the limit for the runner's tally,
  // yet no more files than the limit, so node counts them itself.
  repo.git('mv', 'api/core', 'api/moved');
  assert.match(tracedCommit(repo, 'refactor: move'), /--numstat/);
  const moved = note(repo);
  assert.not.ok('lineCounts' in moved);
  assert.is(moved.files.length, MAX_COUNTED_FILES);
  assert.ok(moved.files.every((file: { oldPath?: string; added?: number }) => file.oldPath?.startsWith('api/core/') && file.added === 0));
  assert.equal(leftInGitDir(repo), []);
});

test.run();

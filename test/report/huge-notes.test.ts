// Notes are read in time linear in their size; a note over the documented limit (16 MiB) is
// skipped with a warning by `report` and `show`, never an internal error.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanupTempDirs, tempDir, TempRepo } from '../helpers/repo.ts';

test.after(() => cleanupTempDirs());

function noteOf(repo: TempRepo, commit: string, text: string): void {
  const file = join(tempDir(), 'note.json');
  writeFileSync(file, text);
  repo.git('notes', '--ref=refs/notes/provenance', 'add', '-f', '-F', file, commit);
}

const note = (explanationBytes: number) =>
  JSON.stringify({
    schema: 'git-provenance/1',
    level: 'generated',
    explanation: `Written by the agent ${'x'.repeat(explanationBytes)}`,
    recordedBy: 'cli',
    recordedAt: '2026-01-01T00:00:00Z',
    files: [],
    reviews: [],
  });

test('a note is read in time linear in its size: three times the note, about three times the time', () => {
  // Timed against the same command in the same run, less what a tiny note costs (node's start,
  // git): a loaded machine slows every run alike (an absolute bound failed at 27 s under load).
  // Records were joined chunk by chunk: 5 MiB took +0.86 s, 15 MiB +6.4 s (7.5x); now ~3x.
  const timeReport = (bytes: number) => {
    const repo = new TempRepo();
    const commit = repo.commit('one', { 'a/x.ts': 'x\ny\n' });
    noteOf(repo, commit, note(bytes));
    const started = Date.now();
    const result = repo.cli(['report', '--format', 'json', '--no-cache']);
    const elapsed = Date.now() - started;
    assert.is(result.status, 0, result.stderr);
    assert.is(JSON.parse(result.stdout).total.levels.generated.linesAdded, 2);
    return elapsed;
  };
  const tiny = timeReport(100);
  const mid = timeReport(5 * 1024 * 1024) - tiny;
  const large = timeReport(15 * 1024 * 1024) - tiny;
  assert.ok(large < 6 * Math.max(mid, 100), `15 MiB took ${large} ms more than a tiny note, 5 MiB ${mid} ms more`);
});

test('a note over the limit is skipped with a warning by report and show', () => {
  const repo = new TempRepo();
  const commit = repo.commit('one', { 'a/x.ts': 'x\ny\n' });
  noteOf(repo, commit, note(20 * 1024 * 1024));
  const report = repo.cli(['report', '--format', 'json', '--no-cache']);
  assert.is(report.status, 0, report.stderr);
  assert.match(report.stderr, new RegExp(`${commit.slice(0, 12)}: has a note of 20\\.0 MiB, over the 16 MiB limit; it is skipped`));
  assert.is(JSON.parse(report.stdout).total.levels.unknown.linesAdded, 2);
  for (const args of [['show'], ['show', '--json']]) {
    const shown = repo.cli(args);
    assert.is(shown.status, 0, shown.stderr);
    assert.match(shown.stderr, /over the 16 MiB limit; it is skipped/);
  }
  assert.is(JSON.parse(repo.cli(['show', '--json']).stdout).level, 'unknown');
});

test.run();

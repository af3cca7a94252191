// The incremental cache gives the same figures as a cold run, after new commits, merges, new
// notes, rewritten history and config changes; and missing objects are skipped, not fatal.

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanupTempDirs, TempRepo } from '../helpers/repo.ts';

const at = (n: number) => new Date(Date.UTC(2026, 2, 1) + n * 86_400_000).toISOString();
let n = 0;

function figures(repo: TempRepo, extra: string[] = []): { cache: string; body: unknown } {
  const report = repo.json(['report', '--format', 'json', ...extra]);
  const { cache, generatedAt, ...body } = report;
  return { cache, body };
}

function sameAsCold(repo: TempRepo, expectedCache: string): void {
  const warm = figures(repo);
  const cold = figures(repo, ['--no-cache']);
  assert.is(warm.cache, expectedCache);
  assert.equal(warm.body, cold.body);
}

test.after(() => cleanupTempDirs());

test('cold, unchanged, incremental and re-resolved runs all agree with a run without cache', () => {
  const repo = new TempRepo();
  for (let i = 0; i < 6; i++)
    repo.commit(
      `step ${i}${i % 2 ? '\n\nAI-Assistance: generated' : ''}`,
      { [`svc${i % 2}/f.ts`]: `line ${i}\n`.repeat(i + 1), 'shared.txt': `v${i}\n` },
      { date: at(n++) },
    );
  assert.is(figures(repo).cache, 'cold');
  sameAsCold(repo, 'unchanged');
  repo.commit('fix: one more', { 'svc0/f.ts': 'rewritten\n' }, { date: at(n++) });
  sameAsCold(repo, 'incremental');
  // A merge after the cached tip.
  repo.git('checkout', '-q', '-b', 'topic');
  repo.commit('topic work\n\nAI-Assistance: assisted', { 'svc1/topic.ts': 'a\nb\nc\n' }, { date: at(n++) });
  repo.git('checkout', '-q', 'main');
  repo.commit('main work', { 'svc0/g.ts': 'g\n' }, { date: at(n++) });
  const merge = repo.gitResult(['merge', '--no-ff', '-q', '-m', 'Merge topic', 'topic'], { env: { GIT_AUTHOR_DATE: at(n), GIT_COMMITTER_DATE: at(n++) } });
  assert.is(merge.status, 0, merge.stderr);
  sameAsCold(repo, 'incremental');
  // A note recorded on an old commit changes its level: the cache follows notes.
  const record = repo.cli(['record', 'HEAD~4', '--level', 'generated', '--explain', 'Recorded after the fact for the report test']);
  assert.is(record.status, 0, record.stderr);
  sameAsCold(repo, 'unchanged');
  const report = repo.json(['report', '--format', 'json']);
  assert.ok(report.total.levels.generated.commits >= 4);
});

test('rewritten history and a changed config start over', () => {
  const repo = new TempRepo();
  for (let i = 0; i < 4; i++) repo.commit(`c${i}`, { 'a/x.ts': `x${i}\n`.repeat(i + 2) }, { date: at(n++) });
  figures(repo);
  // A range ending before the cached tip cannot resume from it.
  const older = figures(repo, ['HEAD~1']);
  assert.is(older.cache, 'cold');
  assert.equal(older.body, figures(repo, ['HEAD~1', '--no-cache']).body);
  figures(repo);
  repo.git('reset', '-q', '--hard', 'HEAD~2');
  repo.commit('rewritten', { 'a/x.ts': 'other\n' }, { date: at(n++) });
  sameAsCold(repo, 'cold');
  repo.commit('config', { '.provenance.yml': 'services:\n  alpha: ["a/**"]\n' }, { date: at(n++) });
  const after = figures(repo);
  assert.is(after.cache, 'cold');
  assert.ok((after.body as any).services.some((s: any) => s.service === 'alpha'));
  sameAsCold(repo, 'unchanged');
});

test('a missing object (partial clone) is skipped with a warning naming it, never an abort', () => {
  const repo = new TempRepo();
  repo.commit('one', { 'keep.ts': 'k1\nk2\n', 'big/data.txt': 'd1\nd2\n' }, { date: at(n++) });
  repo.commit('two', { 'big/data.txt': 'd1\nd2\nd3\n', 'keep.ts': 'k1\nk2\nk3\n' }, { date: at(n++) });
  const blob = repo.git('rev-parse', 'HEAD~1:big/data.txt').trim();
  rmSync(join(repo.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
  const result = repo.cli(['report', '--format', 'json', '--no-cache']);
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stderr, new RegExp(`object ${blob} is missing.*big/data.txt`));
  const report = JSON.parse(result.stdout);
  assert.equal(report.skipped.missingObjects, [{ id: blob, paths: ['big/data.txt'] }]);
  assert.is(report.total.levels.unknown.linesAdded, 3);
});

test.run();

// The incremental cache gives the same figures as a cold run, after new commits, merges, new
// notes, rewritten history and config changes; and missing objects are skipped, not fatal.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, cleanupTempDirs, TempRepo } from '../helpers/repo.ts';

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
  // A range ending before the cached tip cannot resume from it, and leaves it as it is.
  const older = figures(repo, ['HEAD~1']);
  assert.is(older.cache, 'cold');
  assert.equal(older.body, figures(repo, ['HEAD~1', '--no-cache']).body);
  assert.is(figures(repo).cache, 'unchanged');
  repo.git('reset', '-q', '--hard', 'HEAD~2');
  repo.commit('rewritten', { 'a/x.ts': 'other\n' }, { date: at(n++) });
  // The cached tip no longer exists at all.
  repo.git('reflog', 'expire', '--expire=now', '--all');
  repo.git('gc', '-q', '--prune=now');
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
  // Warm runs repeat the warning and the skipped list.
  const cold = repo.cli(['report', '--format', 'json']);
  const warm = repo.cli(['report', '--format', 'json']);
  assert.is(JSON.parse(warm.stdout).cache, 'unchanged');
  for (const result of [cold, warm]) {
    assert.match(result.stderr, new RegExp(`object ${blob} is missing.*big/data.txt`));
    assert.equal(JSON.parse(result.stdout).skipped.missingObjects, [{ id: blob, paths: ['big/data.txt'] }]);
  }
});

const cacheFile = (repo: TempRepo) => join(repo.dir, '.git', 'provenance', 'report-cache.json');

/** Rewrites the cache body and its checksum, as a tool that "repairs" it would. */
function forge(repo: TempRepo, change: (body: any) => void): void {
  const text = readFileSync(cacheFile(repo), 'utf8');
  const newline = text.indexOf('\n');
  const [magic, version] = text.slice(0, newline).split(' ');
  const body = JSON.parse(text.slice(newline + 1));
  change(body);
  const json = JSON.stringify(body);
  writeFileSync(cacheFile(repo), `${magic} ${version} ${createHash('sha256').update(json).digest('hex')}\n${json}`);
}

test('a damaged cache is rebuilt with a warning and gives the figures of a run without cache', () => {
  const repo = new TempRepo();
  for (let i = 0; i < 5; i++)
    repo.commit(`c${i}${i % 2 ? '\n\nAI-Assistance: generated' : ''}`, { [`s${i % 2}/x.ts`]: `x${i}\n`.repeat(i + 2), 'fix.txt': `${i}\n` }, { date: at(n++) });
  const truth = figures(repo, ['--no-cache']).body;
  const damages: [string, () => void][] = [
    [
      'a flipped byte',
      () => {
        const bytes = readFileSync(cacheFile(repo));
        bytes[bytes.length - 10] ^= 1;
        writeFileSync(cacheFile(repo), bytes);
      },
    ],
    ['a truncated file', () => writeFileSync(cacheFile(repo), readFileSync(cacheFile(repo)).subarray(0, 200))],
    ['garbage', () => writeFileSync(cacheFile(repo), '\u0000\u0001 not a cache')],
    // Forged with a valid checksum: the shape and consistency checks catch these.
    ['a file counted twice', () => forge(repo, (body) => body.state.files.push([`${body.state.files[0][0]}.copy`, ...body.state.files[0].slice(1)]))],
    ['a run pointing past the cells', () => forge(repo, (body) => (body.state.files[0][2][0] = 10_000))],
    ['a level out of range', () => forge(repo, (body) => (body.state.commits.level[0] = 7))],
    [
      'a cell counted twice',
      () =>
        forge(repo, (body) => {
          for (const column of Object.keys(body.state.cells)) body.state.cells[column].push(body.state.cells[column][0]);
        }),
    ],
  ];
  for (const [what, damage] of damages) {
    figures(repo); // writes a good cache
    damage();
    const result = repo.cli(['report', '--format', 'json']);
    assert.is(result.status, 0, `${what}: ${result.stderr}`);
    const { cache, generatedAt, warnings, ...body } = JSON.parse(result.stdout);
    assert.match(result.stderr, /report cache .* was damaged/, what);
    assert.is(cache, 'cold', what);
    assert.equal({ ...body, warnings: [] }, truth, what);
    assert.is(figures(repo).cache, 'unchanged', `${what}: rebuilt`);
  }
});

test('concurrent runs each finish with the right figures and leave a valid cache', async () => {
  const repo = new TempRepo();
  for (let i = 0; i < 8; i++) repo.commit(`c${i}`, { [`s${i % 3}/x.ts`]: `x${i}\n`.repeat(i + 3) }, { date: at(n++) });
  const truth = figures(repo, ['--no-cache']).body;
  const runs = Array.from(
    { length: 4 },
    () =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'report', '--format', 'json'], { cwd: repo.dir, env: repo.env });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => (stdout += chunk));
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      }),
  );
  for (const result of await Promise.all(runs)) {
    assert.is(result.code, 0, result.stderr);
    assert.not.match(result.stderr, /damaged/);
    const { cache, generatedAt, ...body } = JSON.parse(result.stdout);
    assert.equal(body, truth);
  }
  sameAsCold(repo, 'unchanged');
});

test.run();

// Repository content never makes the report fail or lie: missing objects with no-op merges and
// empty commits, commit messages crafted to look like git's own output, shallow clones (the
// boundary is a baseline, not one commit that wrote the whole tree) and partial clones whose
// promisor is gone. Each case is a small repository; figures are compared with a trusted run.

import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanupTempDirs, tempDir, TempRepo } from '../helpers/repo.ts';

test.after(() => cleanupTempDirs());

const day = (n: number) => new Date(Date.UTC(2026, 3, 1, 12) + n * 86_400_000).toISOString();
const lines = (prefix: string, count: number) => `${Array.from({ length: count }, (_, i) => `${prefix}${i}`).join('\n')}\n`;
const withoutRunInfo = ({ cache, generatedAt, warnings, ...body }: any) => body;

function merge(repo: TempRepo, branch: string, date: string, ...args: string[]): void {
  const result = repo.gitResult(['merge', '-q', '--no-ff', ...args, branch], { env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  assert.is(result.status, 0, result.stderr);
}

test('a missing blob with a no-op merge and empty commits: skipped with a warning, cold and warm, in both modes', () => {
  const repo = new TempRepo();
  repo.commit('one', { 'keep.ts': 'k1\n', 'big/data.txt': 'd1\n' }, { date: day(0) });
  repo.git('checkout', '-q', '-b', 'topic');
  repo.commit(
    'topic work\n\nAI-Assistance: generated\nAI-Explanation: written by the agent for the test',
    { 'big/data.txt': 'd1\nd2\n', 'keep.ts': 'k1\nt1\n' },
    { date: day(1) },
  );
  repo.commit('topic: empty', {}, { date: day(2) });
  repo.git('checkout', '-q', 'main');
  repo.commit('main: empty', {}, { date: day(3) });
  merge(repo, 'topic', day(4), '-m', 'Merge topic');
  // A merge whose tree is its first parent's: the side branch's change is thrown away.
  repo.git('checkout', '-q', '-b', 'side', 'HEAD~1');
  repo.commit('side: data only', { 'big/data.txt': 'side\n' }, { date: day(5) });
  repo.git('checkout', '-q', 'main');
  merge(repo, 'side', day(6), '-s', 'ours', '-m', 'Merge side, keeping ours');
  repo.commit('after', { 'keep.ts': 'k1\nt1\na1\n' }, { date: day(7) });
  const blob = repo.git('rev-parse', 'topic:big/data.txt').trim();
  rmSync(join(repo.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));

  for (const mode of [[], ['--first-parent']]) {
    rmSync(join(repo.dir, '.git', 'provenance'), { recursive: true, force: true });
    for (const run of ['cold', 'warm']) {
      const result = repo.cli(['report', '--format', 'json', ...mode]);
      assert.is(result.status, 0, `${mode} ${run}: ${result.stderr}`);
      assert.match(result.stderr, new RegExp(`${blob}.*big/data\\.txt`), `${mode} ${run}`);
      const report = JSON.parse(result.stdout);
      assert.is(report.cache, run === 'cold' ? 'cold' : 'unchanged');
      assert.equal(
        report.skipped.missingObjects.map((o: any) => o.id),
        [blob],
      );
      // Every commit is counted, empty and no-op ones included.
      assert.is(report.range.commits, mode.length ? 5 : 8);
      // keep.ts: k1 (one), t1 (topic, or the merge with --first-parent), a1 (after).
      assert.is(report.total.linesAdded, 3);
      assert.is(report.total.levels.generated.linesAdded, mode.length ? 0 : 1);
    }
  }
});

const FAKE_DIFF = [
  'diff --git a/fake.ts b/fake.ts',
  'new file mode 100644',
  'index 0000000..1111111',
  '--- /dev/null',
  '+++ b/fake.ts',
  '@@ -0,0 +1,900 @@',
  ...Array.from({ length: 900 }, (_, i) => `+forged ${i}`),
].join('\n');

/** Commits a message byte for byte (no cleanup), with one real change. */
function commitVerbatim(repo: TempRepo, message: string | Buffer, files: Record<string, string>, date: string): void {
  for (const [path, content] of Object.entries(files)) repo.write(path, content);
  repo.git('add', '-A');
  const file = join(tempDir(), 'message');
  writeFileSync(file, message);
  const result = repo.gitResult(['commit', '-q', '--allow-empty', '--cleanup=verbatim', '-F', file], {
    env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
  assert.is(result.status, 0, result.stderr);
}

test('commit messages that imitate git output forge no line and crash nothing', () => {
  const repo = new TempRepo();
  commitVerbatim(
    repo,
    `Generated\n\nAI-Assistance: generated\nAI-Explanation: the agent wrote these ten lines\n\x02\n${FAKE_DIFF}\n`,
    { 'src/a.ts': lines('a', 10) },
    day(0),
  );
  // git commit refuses NUL bytes; the property test below writes raw objects that hold them.
  commitVerbatim(repo, `\x01${'f'.repeat(40)}\x1ex\x1fx\x02\n${FAKE_DIFF}\n\x02\x01\n`, { 'src/b.ts': lines('b', 5) }, day(1));
  commitVerbatim(repo, `Lone\rcarriage\r\n\\ No newline at end of file\n@@ -1 +1 @@\n-x\n+y\n`, { 'src/a.ts': lines('a', 9) }, day(2));
  for (const mode of [[], ['--first-parent']]) {
    const result = repo.cli(['report', '--format', 'json', '--no-cache', ...mode]);
    assert.is(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.is(report.range.commits, 3);
    assert.is(report.total.linesAdded, 15);
    assert.is(report.total.levels.generated.linesAdded, 10);
    assert.is(report.total.levels.generated.linesDeleted, 0);
    assert.is(report.total.levels.unknown.linesDeleted, 1);
  }
});

test('property: a message of arbitrary bytes, markers included, changes no figure', () => {
  const marker = fc.constantFrom(
    '\x00',
    '\x01',
    '\x02',
    '\n',
    '\r',
    '\n\n',
    'diff --git a/x b/x\n',
    '@@ -0,0 +1,50 @@\n',
    '+++ b/x\n',
    '--- a/x\n',
    '\\ No newline at end of file\n',
    'AI-Assistance: generated\n',
    'encoding ISO-8859-1\n',
    '+forged\n',
  );
  const part = fc.oneof(
    marker,
    fc.uint8Array({ maxLength: 12 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  );
  fc.assert(
    fc.property(fc.array(part, { maxLength: 12 }), (parts) => {
      const repo = new TempRepo();
      repo.commit('base\n\nAI-Assistance: none', { 'a.txt': lines('a', 3) }, { date: day(0) });
      // Raw commit object: git commit would refuse NUL bytes, a hostile repository need not.
      repo.write('a.txt', lines('a', 5));
      repo.git('add', '-A');
      const tree = repo.git('write-tree').trim();
      const parent = repo.git('rev-parse', 'HEAD').trim();
      const raw = Buffer.concat([
        Buffer.from(`tree ${tree}\nparent ${parent}\nauthor X <x@example.com> 1775044800 +0000\ncommitter X <x@example.com> 1775044800 +0000\n\n`),
        Buffer.from(parts.join(''), 'latin1'),
      ]);
      const file = join(tempDir(), 'commit');
      writeFileSync(file, raw);
      const id = repo.git('hash-object', '-t', 'commit', '-w', '--literally', file).trim();
      repo.git('update-ref', 'refs/heads/main', id);
      const result = repo.cli(['report', '--format', 'json', '--no-cache']);
      assert.is(result.status, 0, result.stderr);
      const report = JSON.parse(result.stdout);
      assert.is(report.range.commits, 2);
      assert.is(report.total.linesAdded, 5);
      assert.is(report.total.levels.none.linesAdded, 3);
      // The raw commit may declare a level with a real trailer; it still wrote two lines only.
      assert.is(
        Object.values(report.total.levels).reduce((sum: number, level: any) => sum + level.linesDeleted, 0),
        0,
      );
    }),
    { numRuns: 12 },
  );
});

test('an octopus merge brings in every branch; a Latin-1 message keeps its trailer', () => {
  const repo = new TempRepo();
  repo.commit('base', { 'a.txt': 'a\n' }, { date: day(0) });
  for (const [branch, level] of [
    ['one', 'assisted'],
    ['two', 'generated'],
  ]) {
    repo.git('checkout', '-q', '-b', branch, 'main');
    repo.commit(
      `${branch}\n\nAI-Assistance: ${level}\nAI-Explanation: the ${branch} branch for the octopus test`,
      { [`${branch}.txt`]: lines(branch, 3) },
      { date: day(1) },
    );
  }
  repo.git('checkout', '-q', 'main');
  const octopus = repo.gitResult(['merge', '-q', '--no-ff', '-m', 'Octopus', 'one', 'two'], { env: { GIT_AUTHOR_DATE: day(2), GIT_COMMITTER_DATE: day(2) } });
  assert.is(octopus.status, 0, octopus.stderr);
  assert.is(repo.git('rev-list', '--parents', '-n1', 'HEAD').trim().split(' ').length, 4);
  repo.write('latin.txt', 'l\n');
  repo.git('add', '-A');
  const file = join(tempDir(), 'message');
  writeFileSync(file, Buffer.from("Caf\xe9 cr\xe8me\n\nAI-Assistance: generated\nAI-Explanation: \xe9crit par l'agent pour le test\n", 'latin1'));
  const latin = repo.gitResult(['-c', 'i18n.commitEncoding=ISO-8859-1', 'commit', '-q', '-F', file], {
    env: { GIT_AUTHOR_DATE: day(3), GIT_COMMITTER_DATE: day(3) },
  });
  assert.is(latin.status, 0, latin.stderr);
  const report = repo.json(['report', '--format', 'json', '--no-cache']);
  assert.is(report.range.commits, 5);
  assert.is(report.total.levels.assisted.linesAdded, 3);
  assert.is(report.total.levels.generated.linesAdded, 4);
  const firstParent = repo.json(['report', '--format', 'json', '--no-cache', '--first-parent']);
  assert.is(firstParent.total.levels.unknown.linesAdded, 7, "the octopus merge wrote its branches' lines");
});

/** A history with rework, fixes and a revert, served over file:// so it can be cloned shallow. */
function origin(): TempRepo {
  const repo = new TempRepo();
  repo.git('config', 'uploadpack.allowFilter', 'true');
  repo.git('config', 'uploadpack.allowAnySHA1InWant', 'true');
  for (let i = 0; i < 10; i++) {
    const level = ['none', 'assisted', 'generated'][i % 3];
    repo.commit(
      `${i % 4 === 3 ? 'fix: step' : 'step'} ${i}\n\nAI-Assistance: ${level}\nAI-Explanation: step ${i} written for the shallow test`,
      { [`s${i % 2}/f.ts`]: lines(`v${i}-`, 20 + i), 'shared.txt': lines(`x${i}-`, 3) },
      { date: day(i * 3) },
    );
  }
  return repo;
}

function clone(from: TempRepo, args: string[]): TempRepo {
  const dir = join(tempDir(), 'clone');
  const result = from.gitResult(['clone', '-q', ...args, `file://${from.dir}`, dir]);
  assert.is(result.status, 0, result.stderr);
  return new TempRepo({ dir, init: false });
}

test('a shallow clone treats its boundary as a baseline and matches the full clone for the same commits', () => {
  const full = origin();
  const shallow = clone(full, ['--depth', '4']);
  const boundary = shallow.git('rev-parse', '--git-path', 'shallow').trim();
  const boundaryCommit = shallow.git('rev-list', '--max-parents=0', 'HEAD').trim();
  assert.ok(boundary && boundaryCommit);
  for (const mode of [[], ['--first-parent']]) {
    const result = shallow.cli(['report', '--format', 'json', '--no-cache', ...mode]);
    assert.is(result.status, 0, result.stderr);
    assert.match(result.stderr, /shallow clone/);
    assert.match(result.stderr, /git fetch --unshallow/);
    assert.match(result.stderr, /fetch-depth: 0/);
    const expected = full.json(['report', `${boundaryCommit}..HEAD`, '--format', 'json', '--no-cache', ...mode]);
    const got = JSON.parse(result.stdout);
    assert.is(got.range.commits, 3);
    assert.equal(
      withoutRunInfo({ ...got, range: { ...got.range, revision: null } }).total,
      withoutRunInfo({ ...expected, range: { ...expected.range, revision: null } }).total,
    );
    assert.equal(got.services, expected.services);
  }
});

test('a partial clone whose promisor is gone never aborts; with the promisor it gives the full figures', () => {
  const full = origin();
  const truth = withoutRunInfo(full.json(['report', '--format', 'json', '--no-cache']));
  const reachable = clone(full, ['--filter=blob:none']);
  const fetched = reachable.cli(['report', '--format', 'json', '--no-cache']);
  assert.is(fetched.status, 0, fetched.stderr);
  assert.equal(withoutRunInfo(JSON.parse(fetched.stdout)).total, truth.total);

  const partial = clone(full, ['--filter=blob:none']);
  renameSync(full.dir, `${full.dir}-gone`);
  try {
    for (const run of ['cold', 'warm']) {
      const result = partial.cli(['report', '--format', 'json']);
      assert.is(result.status, 0, `${run}: ${result.stderr}`);
      assert.match(result.stderr, /missing/);
      const report = JSON.parse(result.stdout);
      assert.ok(report.skipped.missingObjects.length > 0);
      assert.is(report.range.commits, 10);
    }
  } finally {
    renameSync(`${full.dir}-gone`, full.dir);
  }
});

test.run();

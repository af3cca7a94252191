// Notes are never lost when several worktrees of one repository commit at the same moment: every
// note write is a compare-and-swap on refs/notes/provenance (the hooks' shell path and the
// node path alike).

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, CHILD_TIMEOUT_MS, cleanupTempDirs, tempDir } from '../helpers/repo.ts';
import { EXPLAIN, commit, installedRepo, stageFile } from './helpers.ts';

test.after.each(() => cleanupTempDirs());

const WORKTREES = 3;
const COMMITS = 20;

/** Runs a shell script; resolves with its exit status and stderr. */
function runScript(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', script], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    // Generous: 60 commits with hooks on a loaded 2-core machine.
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS * 16);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ status: code ?? 1, stderr: code === null ? `killed after ${CHILD_TIMEOUT_MS * 16} ms: ${stderr}` : stderr });
    });
  });
}

test(`${WORKTREES} worktrees × ${COMMITS} commits at once: every commit has its note; concurrent records keep every note`, async () => {
  const repo = installedRepo();
  repo.commit('base');
  const dirs: string[] = [];
  for (let i = 0; i < WORKTREES; i++) {
    const dir = join(tempDir('gp-wt-'), `wt${i}`);
    repo.git('worktree', 'add', '-q', '-b', `line${i}`, dir);
    dirs.push(dir);
  }
  const env = { ...repo.env, GIT_PROVENANCE_LEVEL: 'assisted', GIT_PROVENANCE_EXPLAIN: EXPLAIN };
  const commits = dirs.map((dir, i) =>
    runScript(
      `i=0; while [ $i -lt ${COMMITS} ]; do i=$((i+1)); echo $i > f${i}.txt; git add f${i}.txt && git commit -q -m "w${i} c$i" </dev/null || exit 1; done`,
      dir,
      env,
    ),
  );
  for (const result of await Promise.all(commits)) assert.is(result.status, 0, result.stderr);

  const ids = (i: number) => repo.git('rev-list', `line${i}`, '^main').trim().split('\n');
  const noted = () =>
    new Set(
      repo
        .git('notes', '--ref=refs/notes/provenance', 'list')
        .trim()
        .split('\n')
        .map((line) => line.split(' ')[1]),
    );
  let notes = noted();
  for (let i = 0; i < WORKTREES; i++) {
    const missing = ids(i).filter((id) => !notes.has(id));
    assert.equal(missing, [], `worktree ${i}: commits without a note`);
  }
  assert.is(repo.git('for-each-ref', 'refs/notes/git-provenance-write/').trim(), '', 'no work ref left behind');

  // The node path (record) writing at the same moment in every worktree.
  const records = dirs.map((dir, i) =>
    runScript(
      ids(i)
        .slice(0, 8)
        .map((id) => `"${process.execPath}" "${BIN}" record --level generated --explain "${EXPLAIN}" ${id} >/dev/null || exit 1`)
        .join('\n'),
      dir,
      repo.env,
    ),
  );
  for (const result of await Promise.all(records)) assert.is(result.status, 0, result.stderr);
  notes = noted();
  for (let i = 0; i < WORKTREES; i++) {
    assert.equal(
      ids(i).filter((id) => !notes.has(id)),
      [],
      `worktree ${i}: a note lost to a concurrent record`,
    );
    for (const id of ids(i).slice(0, 8)) {
      const level = JSON.parse(repo.git('notes', '--ref=refs/notes/provenance', 'show', id)).level;
      assert.is(level, 'generated', `record of ${id} kept`);
    }
  }
});

test("each commit's note is written in one step, byte for byte; the first note starts the ref; a packed ref still gets its note", () => {
  const repo = installedRepo();
  const explain = 'Café crème, ünïcode — 説明 (multi-byte text counts bytes, not characters)';
  const env = { GIT_PROVENANCE_LEVEL: 'assisted', GIT_PROVENANCE_EXPLAIN: explain };
  const commitOne = (name: string) => {
    stageFile(repo, `${name}.txt`, `${name}\n`);
    const result = commit(repo, ['-q', '-m', name], env);
    assert.is(result.status, 0, result.stderr);
    return repo.git('rev-parse', 'HEAD').trim();
  };
  const noteOf = (id: string) => repo.git('notes', '--ref=refs/notes/provenance', 'show', id);
  const writes = () => repo.git('reflog', 'show', '--format=%gs', 'refs/notes/provenance').trim().split('\n');

  const first = commitOne('first');
  assert.is(JSON.parse(noteOf(first)).explanation, explain);
  assert.ok(noteOf(first).endsWith('}\n'), 'the note text as the hook prepared it');
  // One write per commit, by one git process (fast-import names itself in the reflog).
  assert.equal(writes(), ['fast-import']);
  const second = commitOne('second');
  assert.equal(writes(), ['fast-import', 'fast-import']);

  repo.git('pack-refs', '--all');
  const third = commitOne('third');
  for (const id of [first, second, third]) assert.is(JSON.parse(noteOf(id)).level, 'assisted', `note of ${id}`);
  assert.is(writes().length, 3, 'the packed ref moved once more');
  assert.is(repo.git('for-each-ref', 'refs/notes/git-provenance-write/').trim(), '', 'no work ref left behind');
  const gitDir = repo.git('rev-parse', '--git-dir').trim();
  assert.equal(
    readdirSync(join(repo.dir, gitDir)).filter((name) => name.startsWith('fast_import_crash') || name.startsWith('provenance-answers')),
    [],
  );
});

test.run();

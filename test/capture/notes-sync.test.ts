// Notes travel with pushes: pre-push pushes refs/notes/provenance beside the user's push, a
// second clone fetches them into a tracking ref, and two clones' notes merge without loss.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, TempRepo, cleanupTempDirs, run, tempDir } from '../helpers/repo.ts';
import { EXPLAIN, captureEnv, commit, note, stageFile } from './helpers.ts';

test.after.each(() => cleanupTempDirs());

function clone(bare: TempRepo): TempRepo {
  const dir = tempDir('gp-clone-');
  const repo = new TempRepo({ dir, init: false });
  captureEnv(repo);
  const cloned = run('git', ['clone', '-q', bare.dir, dir], { env: repo.env });
  if (cloned.status !== 0) throw new Error(cloned.stderr);
  const installed = repo.cli(['install']);
  if (installed.status !== 0) throw new Error(installed.stderr);
  return repo;
}

test('notes are pushed with the user push (which pushes what it pushed before), fetched by a second clone, and merged note by note', () => {
  const bare = new TempRepo({ bare: true });
  const first = clone(bare);
  stageFile(first, 'a.txt', 'a\n');
  assert.is(commit(first, ['-q', '-m', 'a'], { GIT_PROVENANCE_LEVEL: 'assisted', GIT_PROVENANCE_EXPLAIN: EXPLAIN }).status, 0);
  assert.is(first.gitResult(['config', '--get-all', 'remote.origin.push']).status, 1, 'no remote.*.push entry');
  const pushed = first.gitResult(['push', '-q', 'origin', 'main']);
  assert.is(pushed.status, 0, pushed.stderr);
  assert.equal(bare.git('for-each-ref', '--format=%(refname)').trim().split('\n').sort(), ['refs/heads/main', 'refs/notes/provenance']);

  const second = clone(bare);
  const fetched = second.gitResult(['fetch', '-q', 'origin']);
  assert.is(fetched.status, 0, fetched.stderr);
  assert.ok(second.git('for-each-ref', 'refs/notes/remotes/origin/provenance').trim(), 'fetched into the tracking ref');

  // Both clones record new commits and re-record the same one, then both push: the second push
  // is refused, fetches, merges note by note (the later record of a wins) and retries.
  const shared = first.git('rev-parse', 'HEAD').trim();
  assert.is(second.cli(['sync']).status, 0);
  assert.is(first.cli(['record', shared, '--level', 'none']).status, 0);
  assert.is(second.cli(['record', shared, '--level', 'generated', '--explain', EXPLAIN]).status, 0);
  stageFile(first, 'b.txt', 'b\n');
  assert.is(commit(first, ['-q', '-m', 'b'], { GIT_PROVENANCE_LEVEL: 'none' }).status, 0);
  stageFile(second, 'c.txt', 'c\n');
  assert.is(commit(second, ['-q', '-m', 'c'], { GIT_PROVENANCE_LEVEL: 'generated', GIT_PROVENANCE_EXPLAIN: EXPLAIN, GIT_PROVENANCE_TOOL: 'aider' }).status, 0);
  assert.is(first.gitResult(['push', '-q', 'origin', 'main']).status, 0);
  assert.is(second.gitResult(['pull', '-q', '--rebase', 'origin', 'main']).status, 0);
  const pushedSecond = second.gitResult(['push', 'origin', 'main']);
  assert.is(pushedSecond.status, 0, pushedSecond.stderr);
  assert.not.match(pushedSecond.stderr, /warning/);

  const third = clone(bare);
  const sync = third.cli(['sync']);
  assert.is(sync.status, 0, sync.stderr);
  const notes = third.git('notes', '--ref=refs/notes/provenance', 'list').trim().split('\n');
  // a, b, and c as rebased by `pull --rebase` (the note of c before the rebase stays too).
  const noted = new Set(notes.map((line) => line.split(' ')[1]));
  for (const reachable of third.git('rev-list', 'origin/main').trim().split('\n')) assert.ok(noted.has(reachable), `note of ${reachable}`);
  for (const line of notes) {
    const commitId = line.split(' ')[1];
    JSON.parse(third.git('notes', '--ref=refs/notes/provenance', 'show', commitId));
  }
  assert.is(note(third, shared)?.level, 'generated');
  assert.is(note(third, 'HEAD')?.tool, 'aider');
});

test('a note written while sync merges (a record or commit elsewhere at that moment) is kept: the merge lands as a compare-and-swap', () => {
  const bare = new TempRepo({ bare: true });
  const first = clone(bare);
  stageFile(first, 'a.txt', 'a\n');
  assert.is(commit(first, ['-q', '-m', 'a'], { GIT_PROVENANCE_LEVEL: 'none' }).status, 0);
  assert.is(first.gitResult(['push', '-q', 'origin', 'main']).status, 0);
  const shared = first.git('rev-parse', 'HEAD').trim();
  // Both clones re-record the same commit: the merge has a note to resolve, not a fast-forward.
  const second = clone(bare);
  assert.is(second.cli(['sync']).status, 0);
  assert.is(second.cli(['record', shared, '--level', 'generated', '--explain', EXPLAIN]).status, 0);
  assert.is(second.cli(['sync']).status, 0);
  assert.is(first.cli(['record', shared, '--level', 'assisted', '--explain', EXPLAIN]).status, 0);
  stageFile(first, 'b.txt', 'b\n');
  assert.is(commit(first, ['-q', '-m', 'b'], { GIT_PROVENANCE: '0' }).status, 0);
  const late = first.git('rev-parse', 'HEAD').trim();
  assert.is(note(first, late), undefined);

  // Once the merge is under way (git has just created NOTES_MERGE_PARTIAL), a record lands on
  // refs/notes/provenance, as a commit or a record in another worktree would.
  const gitDir = join(first.dir, first.git('rev-parse', '--git-dir').trim());
  const hooksPath = first.git('config', 'core.hooksPath').trim();
  first.write(
    join(hooksPath, 'reference-transaction'),
    `#!/bin/sh
[ "$1" = committed ] || exit 0
[ -f "${gitDir}/late-record" ] && exit 0
started=
while read -r old new ref; do
  case $ref:$new in NOTES_MERGE_PARTIAL:*[!0]*) started=1 ;; esac
done
[ -n "$started" ] || exit 0
: >"${gitDir}/late-record"
"${process.execPath}" "${BIN}" record ${late} --level none >/dev/null 2>&1
`,
  );
  run('chmod', ['+x', join(first.dir, hooksPath, 'reference-transaction')]);
  const synced = first.cli(['sync']);
  assert.ok(existsSync(join(gitDir, 'late-record')), 'the record ran during the merge');
  assert.is(synced.status, 0, synced.stderr);
  assert.is(note(first, late)?.level, 'none', 'the note written during the merge is kept');
  assert.ok(['assisted', 'generated'].includes(note(first, shared)?.level), 'the merged note');
  assert.is(first.git('for-each-ref', 'refs/notes/git-provenance-write/').trim(), '', 'no work ref left behind');
});

test('a notes push that fails warns and leaves the user push alone', () => {
  const bare = new TempRepo({ bare: true });
  const first = clone(bare);
  stageFile(first, 'a.txt', 'a\n');
  assert.is(commit(first, ['-q', '-m', 'a'], { GIT_PROVENANCE_LEVEL: 'none' }).status, 0);
  // The server refuses notes (as some refuse notes commits); branches are accepted.
  bare.write('hooks/update', '#!/bin/sh\ncase "$1" in refs/notes/*) echo "notes not allowed" >&2; exit 1;; esac\n');
  run('chmod', ['+x', `${bare.dir}/hooks/update`]);
  const pushed = first.gitResult(['push', '-q', 'origin', 'main']);
  assert.is(pushed.status, 0, pushed.stderr);
  assert.match(pushed.stderr, /provenance notes were not pushed to origin/);
  assert.is(bare.git('rev-parse', 'refs/heads/main').trim(), first.git('rev-parse', 'HEAD').trim());
});

test.run();

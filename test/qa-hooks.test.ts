// QA of the installed hooks in everyday git workflows (editor commits, amends) found by hand.

import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanupTempDirs } from './helpers/repo.ts';
import { EXPLAIN, commit, installedRepo, note, stageFile, trailers } from './capture/helpers.ts';

test.after.each(() => cleanupTempDirs());

// An editor opened on an empty message, where a person types the subject on the first line.
const TYPE_ON_FIRST_LINE = `sed -i '1s/^$/Typed subject/'`;

test('an editor commit with values from the environment: the subject typed on line 1 stays apart from the trailers', () => {
  const repo = installedRepo();
  for (const [name, values] of [
    ['plain', { GIT_PROVENANCE_LEVEL: 'assisted', GIT_PROVENANCE_EXPLAIN: EXPLAIN }], // the shim's fast path
    ['non-ascii', { GIT_PROVENANCE_LEVEL: 'assisted', GIT_PROVENANCE_EXPLAIN: "Ajoute l'aide à la réessai — ✓ beside the client" }], // node
  ] as const) {
    stageFile(repo, `${name}.txt`, 'x\n');
    const made = commit(repo, ['-q'], { ...values, GIT_EDITOR: TYPE_ON_FIRST_LINE });
    assert.is(made.status, 0, made.stderr);
    assert.is(repo.git('log', '-1', '--format=%s').trim(), 'Typed subject', name);
    assert.equal(trailers(repo), { 'AI-Assistance': 'assisted', 'AI-Explanation': values.GIT_PROVENANCE_EXPLAIN }, name);
    assert.is(note(repo)?.level, 'assisted', name);
  }
});

test('commit --amend --no-edit with GIT_PROVENANCE_LEVEL set changes the level, as --amend -m does', () => {
  const repo = installedRepo();
  stageFile(repo, 'a.txt', 'a\n');
  assert.is(commit(repo, ['-q', '-m', 'a'], { GIT_PROVENANCE_LEVEL: 'generated', GIT_PROVENANCE_EXPLAIN: EXPLAIN, GIT_PROVENANCE_TOOL: 'aider' }).status, 0);
  const amended = commit(repo, ['-q', '--amend', '--no-edit'], { GIT_PROVENANCE_LEVEL: 'assisted' });
  assert.is(amended.status, 0, amended.stderr);
  assert.equal(trailers(repo), { 'AI-Assistance': 'assisted', 'AI-Explanation': EXPLAIN, 'Assisted-by': 'aider' });
  assert.is(note(repo)?.level, 'assisted');
  // Without the variable an amend keeps the record.
  assert.is(commit(repo, ['-q', '--amend', '--no-edit']).status, 0);
  assert.is(trailers(repo)['AI-Assistance'], 'assisted');
  assert.is(note(repo)?.level, 'assisted');
});

test('quitting the editor without a message aborts the commit, as git does without the hooks; --allow-empty-message still commits', () => {
  const repo = installedRepo();
  stageFile(repo, 'a.txt', 'a\n');
  const values = { GIT_PROVENANCE_LEVEL: 'assisted', GIT_PROVENANCE_EXPLAIN: EXPLAIN, GIT_EDITOR: 'true' };
  const quit = commit(repo, ['-q'], values);
  assert.is.not(quit.status, 0);
  assert.match(quit.stderr, /empty commit message/);
  assert.is(repo.gitResult(['rev-parse', '--verify', '--quiet', 'HEAD']).status, 1);
  const allowed = commit(repo, ['-q', '--allow-empty-message'], values);
  assert.is(allowed.status, 0, allowed.stderr);
  // A real message goes through.
  stageFile(repo, 'b.txt', 'b\n');
  assert.is(commit(repo, ['-q'], { ...values, GIT_EDITOR: TYPE_ON_FIRST_LINE }).status, 0);
});

test('git merge --squash then commit: the commit takes the highest level and every explanation of the squashed commits', () => {
  const repo = installedRepo();
  stageFile(repo, 'base.txt', 'base\n');
  assert.is(commit(repo, ['-q', '-m', 'base'], { GIT_PROVENANCE_LEVEL: 'none' }).status, 0);
  repo.git('checkout', '-q', '-b', 'topic');
  stageFile(repo, 'a.txt', 'a\n');
  assert.is(
    commit(repo, ['-q', '-m', 'a'], { GIT_PROVENANCE_LEVEL: 'generated', GIT_PROVENANCE_EXPLAIN: 'First part of the topic, generated with review' }).status,
    0,
  );
  stageFile(repo, 'b.txt', 'b\n');
  assert.is(
    commit(repo, ['-q', '-m', 'b'], { GIT_PROVENANCE_LEVEL: 'assisted', GIT_PROVENANCE_EXPLAIN: 'Second part of the topic, written with help' }).status,
    0,
  );
  repo.git('checkout', '-q', 'main');
  repo.git('merge', '-q', '--squash', 'topic');
  const made = commit(repo, ['-q', '--no-edit']);
  assert.is(made.status, 0, made.stderr);
  assert.not.match(made.stderr, /not recorded/);
  assert.equal(trailers(repo), {
    'AI-Assistance': 'generated',
    'AI-Explanation': 'First part of the topic, generated with review / Second part of the topic, written with help',
  });
  assert.is(note(repo)?.level, 'generated');
  // One value: the quoted records merged into the trailer are gone from the body.
  const message = repo.git('log', '-1', '--format=%B');
  assert.is(message.match(/AI-Assistance:/g)?.length, 1, message);
  assert.is(message.match(/AI-Explanation:/g)?.length, 1, message);
  assert.not.match(repo.cli(['show']).stderr, /several AI-Assistance values/);
});

test("a team's own commit-msg hook that appends a paragraph does not strand the trailers in the body", () => {
  const repo = installedRepo();
  const legacy = join(repo.dir, '.git', 'hooks', 'commit-msg');
  writeFileSync(legacy, `#!/bin/sh\nprintf '\\nTicket: ABC-1\\n' >> "$1"\n`);
  chmodSync(legacy, 0o755);
  stageFile(repo, 'a.txt', 'a\n');
  const made = commit(repo, ['-q', '-m', 'Subject'], { GIT_PROVENANCE_LEVEL: 'assisted', GIT_PROVENANCE_EXPLAIN: EXPLAIN });
  assert.is(made.status, 0, made.stderr);
  assert.equal(trailers(repo), { Ticket: 'ABC-1', 'AI-Assistance': 'assisted', 'AI-Explanation': EXPLAIN });
  assert.is(note(repo)?.explanation, EXPLAIN);
});

test.run();

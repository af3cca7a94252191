// The server side: a pre-receive hook running `check --pre-receive` cannot be fooled by a
// replace ref (a clean twin standing in for the bad commit) and checks commits arriving through
// notes and other refs, so nothing enters unchecked and is promoted later as "already there".

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cleanupTempDirs } from '../helpers/repo.ts';
import { flat, type ZonedRepo, zonedRepo } from '../zones/fixture.ts';
import { assertHandled } from './helpers.ts';

const Server = suite('server refs');
Server.after(cleanupTempDirs);

function guarded(): ZonedRepo {
  const z = zonedRepo(undefined, { hooks: [] });
  const hook = join(z.remote.dir, 'hooks', 'pre-receive');
  writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" check --pre-receive\n`);
  chmodSync(hook, 0o755);
  return z;
}

Server('a replace ref pointing the bad commit at a clean twin does not make the server accept it', () => {
  const z = guarded();
  assert.is(z.commit('Bad', { 'libs/payments/charge.ts': 'x\n' }, 'generated').status, 0);
  const bad = z.repo.git('rev-parse', 'HEAD').trim();
  // The twin: same parent, declared none, touching nothing zoned.
  const twin = z.repo.git('commit-tree', '-p', 'HEAD~1', '-m', 'Twin\n\nAI-Assistance: none', 'HEAD~1^{tree}').trim();
  z.repo.git('replace', bad, twin);
  const replaceFirst = z.push('origin', `refs/replace/${bad}`);
  assert.is(replaceFirst.status, 0, replaceFirst.stderr);
  const pushed = z.push('origin', 'main');
  assert.is.not(pushed.status, 0, 'the bad commit was accepted through its replace ref');
  assert.match(flat(pushed.stderr), 'libs/payments/charge.ts');
  // In the client, where the replace ref applies to git itself, check still sees the real commit.
  assertHandled(z.repo.cli(['check', 'origin/main..main']), 1, 'check with a local replace ref');
});

Server('a commit smuggled through a notes ref (or any other ref) is checked on arrival', () => {
  const z = guarded();
  assert.is(z.commit('Bad', { 'libs/payments/charge.ts': 'x\n' }, 'generated').status, 0);
  const notes = z.push('origin', 'HEAD:refs/notes/smuggled');
  assert.is.not(notes.status, 0, 'a code commit entered through refs/notes/');
  assert.match(flat(notes.stderr), 'libs/payments/charge.ts');
  const other = z.push('origin', 'HEAD:refs/hidden/x');
  assert.is.not(other.status, 0, 'a code commit entered through another ref');
  assert.is(z.remoteHead('refs/notes/smuggled'), '');
  // Real notes still go through.
  z.repo.git('reset', '-q', '--hard', 'HEAD~1');
  assert.is(z.commit('Good', { 'docs/a.md': 'a\n' }, 'generated').status, 0);
  z.repo.git('notes', '--ref=provenance', 'add', '-m', '{}', 'HEAD');
  const realNotes = z.push('origin', 'refs/notes/provenance');
  assert.is(realNotes.status, 0, realNotes.stderr);
  assert.is(z.push('origin', 'main').status, 0);
});

Server.run();

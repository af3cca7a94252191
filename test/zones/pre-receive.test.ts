// The same rules on the server: `git-provenance check --pre-receive` as a bare repository's
// pre-receive hook refuses what the client's hooks let through (or never ran).

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cleanupTempDirs } from '../helpers/repo.ts';
import { flat, zonedRepo } from './fixture.ts';

const Receive = suite('pre-receive');
Receive.after(cleanupTempDirs);

Receive('a server-side pre-receive refuses a human-only violation pushed with --no-verify, on an existing and a new branch', () => {
  const z = zonedRepo(undefined, { hooks: [] });
  const hook = join(z.remote.dir, 'hooks', 'pre-receive');
  writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" check --pre-receive\n`);
  chmodSync(hook, 0o755);
  const before = z.remoteHead();
  assert.is(z.commit('Good', { 'docs/a.md': 'a\n' }, 'generated').status, 0);
  const good = z.push('origin', 'main');
  assert.is(good.status, 0, good.stderr);
  assert.is.not(z.remoteHead(), before);

  assert.is(z.commit('Bad', { 'libs/payments/charge.ts': 'x\n' }, 'generated').status, 0);
  const refused = z.push('--no-verify', 'origin', 'main');
  assert.is.not(refused.status, 0);
  assert.match(flat(refused.stderr), 'libs/payments/charge.ts');
  assert.match(refused.stderr, 'pre-receive hook declined');

  const branch = z.push('--no-verify', 'origin', 'HEAD:refs/heads/topic');
  assert.is.not(branch.status, 0);
  assert.is(z.remoteHead('refs/heads/topic'), '');
});

Receive.run();

// A file name with a line separator (\n, \r, U+2028, U+2029) or a control character is in the
// zone its path says: a generated commit into human-only is refused at commit, push and check.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanupTempDirs } from '../helpers/repo.ts';
import { zonedRepo } from '../zones/fixture.ts';
import { assertHandled } from './helpers.ts';

const OddPaths = suite('odd paths');
OddPaths.after(cleanupTempDirs);

const NAMES = ['a\nb.ts', 'c\rd.ts', 'e\u2028f.ts', 'g\u2029h.ts', '\u001b[2Jclear.ts'];

OddPaths('a generated commit of a line-separated name in human-only is refused by the commit gate', () => {
  const z = zonedRepo();
  for (const name of NAMES) {
    const before = z.repo.git('rev-parse', 'HEAD').trim();
    const refused = z.commit('odd', { [`services/api/auth/${name}`]: 'x\n' }, 'generated');
    assertHandled(refused, 1, JSON.stringify(name));
    assert.match(refused.stderr, 'human-only');
    assert.is(z.repo.git('rev-parse', 'HEAD').trim(), before);
    z.repo.git('reset', '-q', '--hard');
    z.repo.git('clean', '-qfd');
  }
});

OddPaths('check and the push gate refuse each odd name (commits made with --no-verify)', () => {
  const z = zonedRepo();
  for (const name of NAMES) assert.is(z.commit('odd', { [`libs/payments/${name}`]: 'x\n' }, 'generated', ['--no-verify']).status, 0);
  const check = z.repo.cli(['check', 'origin/main..HEAD', '--json']);
  assert.is(check.status, 1, check.stderr);
  const paths = (JSON.parse(check.stdout) as { violations: { path: string; zone: string }[] }).violations.map((v) => `${v.zone}:${v.path}`);
  for (const name of NAMES) assert.ok(paths.includes(`human-only:libs/payments/${name}`), `${JSON.stringify(name)} in ${JSON.stringify(paths)}`);
  assertHandled(z.repo.cli(['check', 'origin/main..HEAD']), 1, 'check table');
  const push = z.push('-q', 'origin', 'main');
  assert.is(push.status, 1, push.stderr);
  assert.is(z.remoteHead(), z.repo.git('rev-parse', 'origin/main').trim(), 'nothing reached the remote');
});

OddPaths.run();

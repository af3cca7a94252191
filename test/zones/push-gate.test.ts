// The push gate (pre-push) with a real bare remote and real `git push`: every commit the push
// would add is checked; a refused push leaves the remote unchanged.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanupTempDirs } from '../helpers/repo.ts';
import { EXAMPLE_CONFIG, flat, lines, zonedRepo } from './fixture.ts';

const Push = suite('push gate');
Push.after(cleanupTempDirs);

Push('a --no-verify generated commit of libs/payments/charge.ts is refused at push, naming the file; the remote is unchanged', () => {
  const z = zonedRepo();
  const before = z.remoteHead();
  assert.is(z.commit('Faster charge', { 'libs/payments/charge.ts': 'export const charge = 2;\n' }, 'generated', ['--no-verify']).status, 0);
  const pushed = z.push('origin', 'main');
  assert.is.not(pushed.status, 0);
  assert.match(pushed.stderr, 'libs/payments/charge.ts');
  assert.match(pushed.stderr, 'human-only');
  assert.match(pushed.stderr, 'push to origin refused');
  assert.is(z.remoteHead(), before);
});

Push('a review added afterwards lets the push through; a review by a non-reviewer does not', () => {
  const z = zonedRepo();
  assert.is(z.commit('List handler', { 'services/api/handlers/list.ts': 'export const list = 1;\n' }, 'generated').status, 0);
  const refused = z.push('origin', 'main');
  assert.is.not(refused.status, 0);
  assert.match(refused.stderr, 'review missing');
  assert.match(refused.stderr, 'git-provenance review');

  const stranger = z.repo.cli(['review', 'HEAD', '--by', 'bob@example.com']);
  assert.is(stranger.status, 0, stranger.stderr);
  assert.match(stranger.stderr, 'does not count for zone reviewed: bob@example.com is not a reviewer');
  const still = z.push('origin', 'main');
  assert.is.not(still.status, 0);
  assert.match(flat(still.stderr), 'review by bob@example.com does not count');

  const self = z.repo.cli(['review', 'HEAD']);
  assert.is(self.status, 0, self.stderr);
  assert.match(self.stderr, 'does not count');

  const lead = z.repo.cli(['review', 'HEAD', '--by', 'lead@example.com']);
  assert.is(lead.status, 0, lead.stderr);
  assert.match(lead.stdout, 'counts for zone reviewed');
  const pushed = z.push('origin', 'main');
  assert.is(pushed.status, 0, pushed.stderr);
  assert.is(z.remoteHead(), z.repo.git('rev-parse', 'HEAD').trim());
});

Push('a Reviewed-by trailer from a reviewer counts', () => {
  const z = zonedRepo();
  assert.is(
    z.commit('List handler', { 'services/api/handlers/list.ts': 'x\n' }, 'generated', ['--trailer', 'Reviewed-by: Lea Lead <lead@example.com>']).status,
    0,
  );
  const pushed = z.push('origin', 'main');
  assert.is(pushed.status, 0, pushed.stderr);
});

Push('a new branch is checked only for commits not already on the remote', () => {
  const z = zonedRepo();
  // A bad commit already on the remote (pushed with --no-verify) is not the new branch's fault.
  assert.is(z.commit('Old sin', { 'libs/payments/charge.ts': 'old\n' }, 'generated', ['--no-verify']).status, 0);
  assert.is(z.push('--no-verify', 'origin', 'main').status, 0);
  z.repo.git('switch', '-q', '-c', 'feature');
  assert.is(z.commit('Docs', { 'docs/a.md': 'a\n' }, 'generated').status, 0);
  const ok = z.push('origin', 'feature');
  assert.is(ok.status, 0, ok.stderr);
  assert.is(z.commit('Bad', { 'services/web/auth/login.ts': 'x\n' }, 'assisted', ['--no-verify']).status, 0);
  const refused = z.push('origin', 'feature');
  assert.is.not(refused.status, 0);
  assert.match(refused.stderr, 'services/web/auth/login.ts');
  assert.not.match(refused.stderr, 'libs/payments/charge.ts');
});

Push('a new branch of a bad commit is refused when the remote has never seen it', () => {
  const z = zonedRepo();
  z.repo.git('switch', '-q', '-c', 'topic');
  assert.is(z.commit('Bad', { 'libs/payments/charge.ts': 'x\n' }, 'generated', ['--no-verify']).status, 0);
  const refused = z.push('-u', 'origin', 'topic');
  assert.is.not(refused.status, 0);
  assert.match(refused.stderr, 'libs/payments/charge.ts');
  assert.is(z.remoteHead('refs/heads/topic'), '');
});

Push('a force push is checked against what the remote has', () => {
  const z = zonedRepo();
  assert.is(z.commit('Docs', { 'docs/a.md': 'a\n' }, 'none').status, 0);
  assert.is(z.push('origin', 'main').status, 0);
  const remoteBefore = z.remoteHead();
  z.repo.git('reset', '-q', '--hard', 'HEAD~1');
  assert.is(z.commit('Rewrite', { 'libs/payments/charge.ts': 'rewritten\n' }, 'generated', ['--no-verify']).status, 0);
  const refused = z.push('--force', 'origin', 'main');
  assert.is.not(refused.status, 0);
  assert.match(refused.stderr, 'libs/payments/charge.ts');
  assert.is(z.remoteHead(), remoteBefore);
  z.repo.git('reset', '-q', '--hard', 'HEAD~1');
  assert.is(z.commit('Rewrite', { 'docs/b.md': 'b\n' }, 'generated').status, 0);
  const forced = z.push('--force', 'origin', 'main');
  assert.is(forced.status, 0, forced.stderr);
});

Push('a push of several refs checks each; one bad ref refuses the whole push', () => {
  const z = zonedRepo();
  z.repo.git('switch', '-q', '-c', 'good');
  assert.is(z.commit('Good', { 'docs/good.md': 'g\n' }, 'generated').status, 0);
  z.repo.git('switch', '-q', '-c', 'bad', 'main');
  assert.is(z.commit('Bad', { 'services/api/auth/token.ts': 'bad\n' }, 'generated', ['--no-verify']).status, 0);
  const refused = z.push('origin', 'good', 'bad');
  assert.is.not(refused.status, 0);
  assert.match(refused.stderr, 'services/api/auth/token.ts');
  assert.is(z.remoteHead('refs/heads/good'), '');
  assert.is(z.remoteHead('refs/heads/bad'), '');
  assert.is(z.push('origin', 'good').status, 0);
});

Push('a tag push of an unpushed bad commit is refused; deleting a branch is never checked', () => {
  const z = zonedRepo();
  z.repo.git('switch', '-q', '-c', 'bad');
  assert.is(z.commit('Bad', { 'libs/payments/charge.ts': 'bad\n' }, 'generated', ['--no-verify']).status, 0);
  z.repo.git('tag', '-a', '-m', 'release', 'v1');
  const refused = z.push('origin', 'v1');
  assert.is.not(refused.status, 0);
  assert.match(refused.stderr, 'libs/payments/charge.ts');
  assert.is(z.remoteHead('refs/tags/v1'), '');
  z.repo.git('switch', '-q', 'main');
  z.repo.git('tag', 'v0');
  assert.is(z.push('origin', 'v0').status, 0, 'a tag of commits the remote has adds nothing');
  assert.is(z.push('--no-verify', 'origin', 'bad').status, 0);
  const deleted = z.push('origin', ':bad');
  assert.is(deleted.status, 0, deleted.stderr);
});

Push('unknown: refuse refuses a commit with no record, and record lets it through', () => {
  const z = zonedRepo(EXAMPLE_CONFIG.replace('unknown: allow', 'unknown: refuse'));
  assert.is(z.commit('Plain', { 'docs/a.md': 'a\n' }).status, 0);
  const refused = z.push('origin', 'main');
  assert.is.not(refused.status, 0);
  assert.match(refused.stderr, 'no record');
  assert.match(refused.stderr, 'git-provenance record');
  assert.is(z.repo.cli(['record', 'HEAD', '--level', 'none']).status, 0);
  const pushed = z.push('origin', 'main');
  assert.is(pushed.status, 0, pushed.stderr);
});

Push('a push that would cross the api budget is refused; action warn lets it through with a warning', () => {
  const z = zonedRepo();
  // 100 human lines are on the remote; 80 generated, reviewed lines make 44.2% > 40% (101 human lines: server.ts and token.ts).
  assert.is(
    z.commit('Big handler', { 'services/api/handlers/big.ts': lines(80) }, 'generated', ['--trailer', 'Reviewed-by: Lea <lead@example.com>']).status,
    0,
  );
  const refused = z.push('origin', 'main');
  assert.is.not(refused.status, 0);
  assert.match(refused.stderr, 'service api');
  assert.match(flat(refused.stderr), 'would be 44.2%');
  const warned = zonedRepo(EXAMPLE_CONFIG.replace('    windowDays: 30\n', '    windowDays: 30\n    action: warn\n'));
  assert.is(
    warned.commit('Big handler', { 'services/api/handlers/big.ts': lines(80) }, 'generated', ['--trailer', 'Reviewed-by: Lea <lead@example.com>']).status,
    0,
  );
  const pushed = warned.push('origin', 'main');
  assert.is(pushed.status, 0, pushed.stderr);
  assert.match(pushed.stderr, 'AI budget (warning)');
  // Human lines to an over-budget service are never refused.
  assert.is(z.commit('Human fix', { 'services/api/server.ts': lines(5, 'fix') }, 'none').status, 0);
  assert.is(z.repo.cli(['check', 'HEAD']).status, 0);
});

Push.run();

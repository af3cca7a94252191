// Reviews by a lightly altered self, and declarations that contradict the evidence of AI.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanupTempDirs, run } from '../helpers/repo.ts';
import { flat, zonedRepo } from '../zones/fixture.ts';
import { assertHandled } from './helpers.ts';

const Identity = suite('identity and evidence');
Identity.after(cleanupTempDirs);

Identity('a reviewer cannot approve their own commit authored under a +tag or zero-width variant', () => {
  for (const author of ['lead+x@example.com', 'le\u200bad@example.com', 'LEAD@example.com', 'ｌｅａｄ@example.com']) {
    const z = zonedRepo();
    z.repo.write('services/api/handlers/list.ts', 'x\n');
    z.repo.git('add', '-A');
    const made = run(
      'git',
      [
        'commit',
        '-q',
        '-m',
        'handler',
        '--trailer',
        'AI-Assistance: generated',
        '--trailer',
        'AI-Explanation: Adds the list handler beside the others',
        '--no-verify',
      ],
      {
        cwd: z.repo.dir,
        env: { ...z.repo.env, GIT_AUTHOR_EMAIL: author },
      },
    );
    assert.is(made.status, 0, made.stderr);
    const review = z.repo.cli(['review', 'HEAD', '--by', 'lead@example.com']);
    assertHandled(review, 0, 'review');
    assert.match(review.stdout + review.stderr, /cannot review it/);
    const check = z.repo.cli(['check', 'origin/main..HEAD']);
    assertHandled(check, 1, `check, author ${JSON.stringify(author)}`);
    assert.match(flat(check.stdout + check.stderr), /cannot review it/);
  }
});

Identity('an agent trailer or the agent environment outranks a declared "none" in a human-only zone', () => {
  const z = zonedRepo();
  const declared = z.commit('tokens\n\nCo-Authored-By: Claude <noreply@anthropic.com>', { 'services/api/auth/token.ts': 'export const token = 3;\n' }, 'none', [
    '--no-verify',
  ]);
  assert.is(declared.status, 0, declared.stderr);
  const check = z.repo.cli(['check', 'origin/main..HEAD', '--json']);
  assert.is(check.status, 1, check.stderr);
  const violations = (JSON.parse(check.stdout) as { violations: { rule: string; level: string }[] }).violations;
  assert.equal(
    violations.map((v) => [v.rule, v.level]),
    [['level-not-allowed', 'generated']],
  );
  const shown = z.repo.json<{ level: string; disagreements: unknown[] }>(['show', '--json']);
  assert.is(shown.level, 'generated');
  assert.equal(shown.disagreements[0], { field: 'level', trailer: 'none', evidence: 'generated' });
  assert.match(z.repo.cli(['show']).stdout, /trailer says "none", the evidence shows "generated"/);
  z.repo.git('reset', '-q', '--hard', 'origin/main');

  // A note saying none cannot lower it either.
  z.commit('tokens\n\nCo-Authored-By: Claude <noreply@anthropic.com>', { 'services/api/auth/token.ts': 'export const token = 4;\n' }, undefined, [
    '--no-verify',
  ]);
  assertHandled(z.repo.cli(['record', 'HEAD', '--level', 'none']), 0, 'record none');
  assertHandled(z.repo.cli(['check', 'origin/main..HEAD']), 1, 'check after a note saying none');
  z.repo.git('reset', '-q', '--hard', 'origin/main');

  // In an agent's session the commit gate refuses a declared none in human-only.
  const agent = run('git', ['commit', '-q', '--allow-empty', '-m', 'tokens', '--trailer', 'AI-Assistance: none'], {
    cwd: z.repo.dir,
    env: { ...z.repo.env, CLAUDECODE: '1' },
  });
  z.repo.write('services/api/auth/token.ts', 'export const token = 5;\n');
  z.repo.git('add', '-A');
  const gated = run('git', ['commit', '-q', '-m', 'tokens', '--trailer', 'AI-Assistance: none'], { cwd: z.repo.dir, env: { ...z.repo.env, CLAUDECODE: '1' } });
  assert.is(agent.status, 0, agent.stderr);
  assertHandled(gated, 1, 'agent session declaring none');
  assert.match(gated.stderr, 'human-only');
});

Identity('a review lapses when the reviewed content changes (amend with the note carried over)', () => {
  const z = zonedRepo();
  z.repo.git('config', 'notes.rewriteRef', 'refs/notes/provenance');
  assert.is(z.commit('handler', { 'services/api/handlers/list.ts': 'x\n' }, 'generated').status, 0);
  assertHandled(z.repo.cli(['review', 'HEAD', '--by', 'lead@example.com']), 0, 'review');
  assertHandled(z.repo.cli(['check', 'origin/main..HEAD']), 0, 'check after the review');
  // Same message, new content: the note (and its review) follows the amend.
  z.repo.write('services/api/handlers/list.ts', 'x\nmore\n');
  z.repo.git('add', '-A');
  assert.is(
    run('git', ['commit', '-q', '--amend', '--no-edit', '--no-verify'], { cwd: z.repo.dir, env: { ...z.repo.env, GIT_COMMITTER_DATE: '2026-02-01T01:00:00Z' } })
      .status,
    0,
  );
  assert.match(z.repo.git('notes', '--ref=provenance', 'show', 'HEAD'), 'lead@example.com');
  const check = z.repo.cli(['check', 'origin/main..HEAD']);
  assertHandled(check, 1, 'check after the amend');
  assert.match(flat(check.stdout), /content changed after the review/);
  // Re-reviewing the new content counts again; a rebase that keeps the content keeps the review.
  assertHandled(z.repo.cli(['review', 'HEAD', '--by', 'lead@example.com']), 0, 'review again');
  const again = z.repo.cli(['check', 'origin/main..HEAD']);
  assertHandled(again, 0, `check after the second review: ${again.stdout}`);
});

Identity.run();

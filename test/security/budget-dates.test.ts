// Budgets cannot be gamed by dates: an AI commit backdated out of the window under a human
// commit still counts, and a future date is flagged.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanupTempDirs, run } from '../helpers/repo.ts';
import { flat, lines, zonedRepo } from '../zones/fixture.ts';
import { assertHandled } from './helpers.ts';

const Budget = suite('budget dates');
Budget.after(cleanupTempDirs);

Budget('backdating the AI commit below a human one does not move its lines out of the window', () => {
  const z = zonedRepo();
  z.repo.write('services/api/generated.ts', lines(200, 'ai'));
  z.repo.git('add', '-A');
  const old = '2024-01-01T00:00:00Z';
  const ai = run(
    'git',
    ['commit', '-q', '--no-verify', '-m', 'Old AI\n\nAI-Assistance: assisted\nAI-Explanation: Adds generated helpers for the api service'],
    {
      cwd: z.repo.dir,
      env: { ...z.repo.env, GIT_AUTHOR_DATE: old, GIT_COMMITTER_DATE: old },
    },
  );
  assert.is(ai.status, 0, ai.stderr);
  assert.is(z.commit('Human', { 'services/api/human.ts': 'x\n' }, 'none').status, 0);
  const check = z.repo.cli(['check', 'origin/main..HEAD']);
  assertHandled(check, 1, 'check');
  assert.match(flat(check.stdout), /service api: AI share of added lines over 30 days would be/);
  assert.match(check.stderr, /is dated 2024-01-01T00:00:00Z, before its parent/);
});

Budget.run();

// A small history over three months with every level, an explanation, a fix, a revert, a budget
// and a service whose name is hostile HTML (with U+2028), shared by the dashboard's tests.

import { TempRepo } from '../helpers/repo.ts';

export const HOSTILE_SERVICE = '</script><img/src=x/onerror=alert(1)>"\'&';
/** A repository folder name: the rows' repository column comes from it. */
export const HOSTILE_FOLDER = 'repo\u2028<i>x\u2029&';

const day = (n: number) => new Date(Date.UTC(2026, 0, 5, 12) + n * 86_400_000).toISOString();
const lines = (prefix: string, from: number, to: number) => `${Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`).join('\n')}\n`;

export function dashboardFixture(repo = new TempRepo()): TempRepo {
  const config = [
    'services:',
    '  api: ["api/**"]',
    '  web: ["web/**"]',
    `  ${JSON.stringify(HOSTILE_SERVICE)}: ["odd/**"]`,
    'budgets:',
    '  - service: api',
    '    maxAiShare: 0.5',
    '    windowDays: 90',
    '  - service: web',
    '    maxAiShare: 0.9',
    '    windowDays: 90',
    '',
  ].join('\n');
  repo.commit('config\n\nAI-Assistance: none', { '.provenance.yml': config }, { date: day(0) });
  repo.commit('Add api core\n\nAI-Assistance: none', { 'api/a.ts': lines('a', 1, 20) }, { date: day(1) });
  repo.commit(
    'Add web\n\nAI-Assistance: generated\nAI-Explanation: scaffolded the page from the design',
    { 'web/w.ts': lines('w', 1, 12), 'odd/x.ts': lines('x', 1, 3) },
    { date: day(2) },
  );
  repo.commit('fix: crash in web', { 'web/w.ts': `${lines('w', 1, 10)}fixed\n` }, { date: day(4) });
  repo.commit('More api\n\nAI-Assistance: assisted', { 'api/a.ts': lines('a', 1, 20) + lines('b', 1, 8) }, { date: day(33) });
  const revertOf = repo.commit('Api helper\n\nAI-Assistance: generated', { 'api/h.ts': lines('h', 1, 5) }, { date: day(35) });
  const revert = repo.gitResult(['revert', '--no-edit', revertOf], { env: { GIT_AUTHOR_DATE: day(36), GIT_COMMITTER_DATE: day(36) } });
  if (revert.status !== 0) throw new Error(revert.stderr);
  repo.commit('Web copy\n\nAI-Assistance: none', { 'web/w.ts': `${lines('w', 1, 10)}fixed\n${lines('c', 1, 6)}` }, { date: day(64) });
  repo.commit(
    'Api tests\n\nAI-Assistance: generated\nAI-Explanation: tests written by the assistant, reviewed',
    { 'api/t.ts': lines('t', 1, 15) },
    { date: day(66) },
  );
  return repo;
}

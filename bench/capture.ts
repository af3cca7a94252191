// Capture overhead, measured in one run (node --import tsx bench/capture.ts):
//   - a non-interactive commit (values from the environment) with the hooks vs without them;
//   - a 30-commit rebase with the hooks vs without them;
//   - `node -e 0` as the floor: the cost of starting node at all on this machine.
// Both repositories carry a zone config (.provenance.yml with zones), so the commit gate runs.
// Goals: added time per commit at most 2x `node -e 0` of the same run (stretch 1.5x), at most
// 20 ms added per replayed commit.
// NODE_EXTRA_CA_CERTS is removed from the children's environment: on this machine only it adds
// ~80 ms to every node start.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './lib.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'git-provenance');
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const REBASE_COMMITS = 30;
const REBASE_RUNS = Number(process.env.BENCH_REBASE_RUNS ?? 3);

const scratch = mkdtempSync(join(tmpdir(), 'gp-bench-'));
const globalBin = join(scratch, 'bin');
mkdirSync(globalBin);
symlinkSync(BIN, join(globalBin, 'git-provenance'));

const env: NodeJS.ProcessEnv = {};
for (const [key, value] of Object.entries(process.env)) {
  if (key.startsWith('GIT_') || key === 'NODE_EXTRA_CA_CERTS' || key === 'CI') continue;
  env[key] = value;
}
Object.assign(env, {
  HOME: scratch,
  XDG_CONFIG_HOME: join(scratch, '.config'),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  PATH: `${globalBin}:${process.env.PATH}`,
  GIT_PROVENANCE_LEVEL: 'assisted',
  GIT_PROVENANCE_EXPLAIN: 'Benchmark commit: measures what the hooks add to git commit',
});

const ZONE_CONFIG = `zones:
  - name: ai-friendly
    paths: ["**"]
    allow: [none, assisted, generated]
  - name: human-only
    paths: ["libs/payments/**"]
    allow: [none]
`;

function run(command: string, args: string[], cwd: string): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000, encoding: 'utf8' });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}: ${result.stderr}`);
  return elapsed;
}

function makeRepo(name: string, hooks: boolean): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  run('git', ['init', '-q', '-b', 'main'], dir);
  if (hooks) run(process.execPath, [BIN, 'install'], dir);
  writeFileSync(join(dir, 'base.txt'), 'base\n');
  writeFileSync(join(dir, '.provenance.yml'), ZONE_CONFIG);
  run('git', ['add', '-A'], dir);
  run('setsid', ['-w', 'git', 'commit', '-q', '-m', 'base'], dir);
  return dir;
}

function commitOnce(dir: string, i: number): number {
  writeFileSync(join(dir, `file-${i}.txt`), `content ${i}\n`);
  run('git', ['add', '--', `file-${i}.txt`], dir);
  // setsid: no controlling terminal, as in a GUI client or CI.
  return run('setsid', ['-w', 'git', 'commit', '-q', '-m', `commit ${i}`], dir);
}

function rebaseOnce(dir: string): number {
  return run('git', ['rebase', '-q', '--force-rebase', `HEAD~${REBASE_COMMITS}`], dir);
}

try {
  const floor = median(Array.from({ length: RUNS }, () => run(process.execPath, ['-e', '0'], scratch)));
  const withHooks = makeRepo('with-hooks', true);
  const without = makeRepo('without-hooks', false);
  const commitWith: number[] = [];
  const commitWithout: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Interleaved, so machine noise hits both sides alike.
    commitWithout.push(commitOnce(without, i));
    commitWith.push(commitOnce(withHooks, i));
  }
  for (let i = RUNS; i < REBASE_COMMITS; i++) {
    commitOnce(without, i);
    commitOnce(withHooks, i);
  }
  const rebaseWith: number[] = [];
  const rebaseWithout: number[] = [];
  for (let i = 0; i < REBASE_RUNS; i++) {
    rebaseWithout.push(rebaseOnce(without));
    rebaseWith.push(rebaseOnce(withHooks));
  }
  const commitAdded = median(commitWith) - median(commitWithout);
  const rebaseAdded = (median(rebaseWith) - median(rebaseWithout)) / REBASE_COMMITS;
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const lines = [
    `node -e 0 (floor)                 ${ms(floor)}`,
    `commit without hooks (median)     ${ms(median(commitWithout))}`,
    `commit with hooks (median)        ${ms(median(commitWith))}`,
    `  added per commit                ${ms(commitAdded)}  = ${(commitAdded / floor).toFixed(2)}x node -e 0  ${ratioGoal(commitAdded / floor)}`,
    `rebase of ${REBASE_COMMITS} without hooks      ${ms(median(rebaseWithout))}`,
    `rebase of ${REBASE_COMMITS} with hooks         ${ms(median(rebaseWith))}`,
    `  added per replayed commit       ${ms(rebaseAdded)}  = ${(rebaseAdded / floor).toFixed(2)}x node start  ${goal(rebaseAdded, 20)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

function ratioGoal(ratio: number): string {
  return `(goal <= 2x: ${ratio <= 2 ? 'met' : 'NOT met'}; stretch <= 1.5x: ${ratio <= 1.5 ? 'met' : 'not met'})`;
}

function goal(added: number, limit: number): string {
  return `(goal <= ${limit} ms: ${added <= limit ? 'met' : 'NOT met'})`;
}

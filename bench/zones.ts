// Zone gate benchmarks (docs/DECISIONS.md, section 8). Run: node --import tsx bench/zones.ts
//  1. commit gate: 10,000 staged files in a 100,000-file repository (goal: adds ≤ 300 ms to a commit);
//     BENCH_STAGED=1000 measures a commit at the line-count limit (MAX_COUNTED_FILES: counted)
//  2. push gate: 1,000 new commits (goal: ≤ 2 s)
//  3. signed reviews: what verifying every signature adds to `check`
// Each is printed next to git's own time for the same work, measured in the same run (the floor).
// Repositories are built with `git fast-import`. NODE_EXTRA_CA_CERTS is dropped from children:
// on the development machine it adds ~80 ms to every node start, on users' machines it is unset.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './lib.ts';
import { EXAMPLE_CONFIG } from '../test/zones/fixture.ts';
import { formatReviewPayload } from '../src/model/review-signature.ts';
import { MAX_COUNTED_FILES, countsLinesOf } from '../src/model/note.ts';
import { RUNNER, hookLine } from '../src/features/install/index.ts';
import { performance } from 'node:perf_hooks';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'git-provenance');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const FILES = 100_000;
const STAGED = Number(process.env.BENCH_STAGED ?? 10_000);
const NEW_COMMITS = 1_000;
const SIGNED = Number(process.env.BENCH_SIGNED ?? 200);

const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: mkdtempSync(join(tmpdir(), 'gp-bench-home-')), NO_COLOR: '1' };
delete env.NODE_EXTRA_CA_CERTS;
for (const key of Object.keys(env)) if (key.startsWith('GIT_') && key !== 'GIT_CONFIG_NOSYSTEM') delete env[key];
Object.assign(env, {
  GIT_AUTHOR_NAME: 'Ada',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
  // The hook runner finds this checkout's CLI (and node) as a global install would be found.
  GIT_PROVENANCE_BIN: BIN,
  GIT_PROVENANCE_NODE: process.execPath,
});

// The issue's example config, with room in the api budget so that the measured push passes.
const CONFIG = EXAMPLE_CONFIG.replace('maxAiShare: 0.4', 'maxAiShare: 0.9');

function sh(
  cmd: string,
  args: string[],
  options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv },
): { stdout: string; status: number; ms: number; stderr: string } {
  const start = performance.now();
  const result = spawnSync(cmd, args, { cwd: options.cwd, input: options.input, env: options.env ?? env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status ?? 1, ms };
}

function must(cmd: string, args: string[], options: { cwd: string; input?: string }): string {
  const result = sh(cmd, args, options);
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function pathFor(i: number): string {
  const services = ['api', 'web', 'billing', 'search'];
  if (i % 10 === 0) return `libs/payments/m${i % 37}/f${i}.ts`;
  if (i % 10 === 1) return `docs/section${i % 101}/page${i}.md`;
  const service = services[i % 4];
  return i % 10 === 2 ? `services/${service}/auth/m${i % 13}/f${i}.ts` : `services/${service}/mod${i % 211}/f${i}.ts`;
}

/** A repository whose first commit holds FILES files (one shared blob), plus `extra` fast-import text. */
function buildRepo(extra: (push: (text: string) => void) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'gp-bench-'));
  must('git', ['init', '-q', '-b', 'main', dir], { cwd: tmpdir() });
  const parts: string[] = [];
  const push = (text: string) => parts.push(text);
  push('blob\nmark :1\ndata 12\nexport {};\n\n\n');
  push(`commit refs/heads/main\nmark :2\ncommitter Ada <ada@example.com> 1767225600 +0000\ndata 5\nbase\n`);
  for (let i = 0; i < FILES; i++) push(`M 100644 :1 ${pathFor(i)}\n`);
  push('\n');
  extra(push);
  must('git', ['fast-import', '--quiet'], { cwd: dir, input: parts.join('') });
  // BENCH_NO_BUDGETS=1 shows what the budget's look-back costs.
  writeFileSync(join(dir, '.provenance.yml'), process.env.BENCH_NO_BUDGETS ? CONFIG.slice(0, CONFIG.indexOf('budgets:')) : CONFIG);
  return dir;
}

/** The hook as `install` writes it: a line sourcing the runner beside it (which asks commit-msg's git questions in the shell). */
function installHook(dir: string, hook: string): void {
  const hooks = join(dir, '.git', 'hooks');
  writeFileSync(join(hooks, RUNNER), readFileSync(join(ROOT, 'hooks', RUNNER), 'utf8'), { mode: 0o755 });
  const file = join(hooks, hook);
  writeFileSync(file, `#!/bin/sh\n${hookLine(hook)}\n`);
  chmodSync(file, 0o755);
}

function commitGateBench(): void {
  const dir = buildRepo(() => undefined);
  must('git', ['read-tree', 'HEAD'], { cwd: dir });
  const blob = must('git', ['hash-object', '-w', '--stdin'], { cwd: dir, input: 'export const changed = 1;\n' }).trim();
  const lines: string[] = [];
  for (let i = 0; i < STAGED; i++) lines.push(`100644 ${blob}\t${pathFor(i * 7 + 3)}`);
  must('git', ['update-index', '--index-info'], { cwd: dir, input: `${lines.join('\n')}\n` });
  const message = join(dir, '.git', 'BENCH_MSG');
  writeFileSync(message, 'Bench commit\n\nAI-Assistance: none\n');
  const floor: number[] = [];
  const gate: number[] = [];
  const plain: number[] = [];
  const hooked: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    floor.push(sh('git', ['-c', 'core.quotePath=false', 'diff-index', '--cached', '-M', '--name-status', '-z', 'HEAD', '--'], { cwd: dir }).ms);
    const result = sh(process.execPath, [BIN, 'hook', 'commit-msg', message], { cwd: dir });
    if (result.status !== 0) throw new Error(`commit gate failed: ${result.stderr}`);
    gate.push(result.ms);
  }
  for (let run = 0; run < RUNS; run++) {
    plain.push(sh('git', ['commit', '-q', '--no-verify', '-F', message], { cwd: dir }).ms);
    must('git', ['reset', '-q', '--soft', 'HEAD~1'], { cwd: dir });
    installHook(dir, 'commit-msg');
    const withHook = sh('git', ['commit', '-q', '-F', message], { cwd: dir });
    if (withHook.status !== 0) throw new Error(`hooked commit failed: ${withHook.stderr}`);
    hooked.push(withHook.ms);
    must('git', ['reset', '-q', '--soft', 'HEAD~1'], { cwd: dir });
    rmSync(join(dir, '.git', 'hooks', 'commit-msg'));
  }
  const added = median(hooked) - median(plain);
  const counts = countsLinesOf(STAGED) ? 'the note counts lines' : `no line counts: over ${MAX_COUNTED_FILES} files`;
  console.log(`commit gate: ${STAGED} staged files in a ${FILES}-file repository, ${counts} (${RUNS} runs, medians)`);
  console.log(`  git floor  diff-index --cached -M --name-status  ${median(floor).toFixed(0)} ms`);
  console.log(`  gate alone hook commit-msg (node start incl.)  ${median(gate).toFixed(0)} ms   ratio to floor ${(median(gate) / median(floor)).toFixed(1)}x`);
  console.log(`  git commit --no-verify                         ${median(plain).toFixed(0)} ms`);
  console.log(`  git commit with the commit-msg gate            ${median(hooked).toFixed(0)} ms   added ${added.toFixed(0)} ms (goal ≤ 300 ms)`);
  if (process.env.BENCH_KEEP) console.log(`  kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

function pushGateBench(): void {
  const levels = ['none', 'assisted', 'generated'];
  const dir = buildRepo((push) => {
    let mark = 3;
    let parent = 2;
    for (let c = 0; c < NEW_COMMITS; c++) {
      const files = [0, 1, 2].map((k) => pathFor((c * 31 + k * 7919) % FILES));
      const safe = files.every((path) => !path.startsWith('libs/payments/') && !/\/auth\//.test(path));
      const level = safe ? levels[c % 3] : 'none';
      const review = level === 'generated' && files.some((path) => path.startsWith('services/')) ? 'Reviewed-by: Lea <lead@example.com>\n' : '';
      const message = `Change ${c}\n\nAI-Assistance: ${level}\nAI-Explanation: Benchmark change number ${c} of the push gate\n${review}`;
      const committer = `committer Ada <ada@example.com> ${1767225600 + 60 * (c + 1)} +0000`;
      push(`commit refs/heads/main\nmark :${mark}\n${committer}\ndata ${Buffer.byteLength(message)}\n${message}from :${parent}\n`);
      for (const path of files) {
        const body = `export const v${c} = ${c};\n`.repeat(1 + (c % 5));
        push(`M 100644 inline ${path}\ndata ${Buffer.byteLength(body)}\n${body}`);
      }
      push('\n');
      parent = mark++;
    }
    // Half of the new commits also carry a note (as capture writes them).
    push(`commit refs/notes/provenance\ncommitter Ada <ada@example.com> 1767400000 +0000\ndata 6\nnotes\n`);
    for (let c = 0; c < NEW_COMMITS; c += 2) {
      const note = JSON.stringify({
        schema: 'git-provenance/1',
        level: 'none',
        recordedBy: 'hook',
        recordedAt: '2026-01-01T00:00:00Z',
        files: [],
        reviews: [],
      });
      push(`N inline :${c + 3}\ndata ${Buffer.byteLength(note)}\n${note}\n`);
    }
    push('\n');
  });
  const base = must('git', ['rev-list', '--max-parents=0', 'HEAD'], { cwd: dir }).trim();
  const tip = must('git', ['rev-parse', 'HEAD'], { cwd: dir }).trim();
  must('git', ['update-ref', 'refs/remotes/origin/main', base], { cwd: dir });
  must('git', ['remote', 'add', 'origin', join(dir, 'nowhere.git')], { cwd: dir });
  const stdin = `refs/heads/main ${tip} refs/heads/main ${base}\n`;
  const floor: number[] = [];
  const gate: number[] = [];
  const check: number[] = [];
  const receive: number[] = [];
  let output = '';
  for (let run = 0; run < RUNS; run++) {
    floor.push(sh('git', ['log', '-M', '--numstat', '-z', '--notes=refs/notes/provenance', '--format=%H%x00%B%x00%N', `${base}..${tip}`], { cwd: dir }).ms);
    const result = sh(process.execPath, [BIN, 'hook', 'pre-push', 'origin', join(dir, 'nowhere.git')], { cwd: dir, input: stdin });
    output = result.stderr;
    gate.push(result.ms);
    check.push(sh(process.execPath, [BIN, 'check', `${base}..${tip}`, '--json'], { cwd: dir }).ms);
    // As the server sees the push: main moves from base to tip (the refs are not updated yet).
    receive.push(sh(process.execPath, [BIN, 'check', '--pre-receive', '--json'], { cwd: dir, input: `${base} ${tip} refs/heads/main\n` }).ms);
  }
  const count = must('git', ['rev-list', '--count', `${base}..${tip}`], { cwd: dir }).trim();
  console.log(
    `push gate: ${count} new commits on a ${FILES}-file tree, half with notes, budgets ${process.env.BENCH_NO_BUDGETS ? 'off' : 'on'} (${RUNS} runs, medians)`,
  );
  console.log(`  git floor  log -M --numstat --notes over the range   ${median(floor).toFixed(0)} ms`);
  const gateRatio = (median(gate) / median(floor)).toFixed(1);
  console.log(`  hook pre-push (node start incl.)                       ${median(gate).toFixed(0)} ms   ratio to floor ${gateRatio}x (goal ≤ 2000 ms)`);
  console.log(
    `  check <base>..<tip>                                    ${median(check).toFixed(0)} ms   ratio to floor ${(median(check) / median(floor)).toFixed(1)}x (goal ≤ 2000 ms)`,
  );
  console.log(
    `  check --pre-receive (every ref, no replace objects)    ${median(receive).toFixed(0)} ms   ratio to floor ${(median(receive) / median(floor)).toFixed(1)}x (goal ≤ 2000 ms)`,
  );
  if (output.trim()) console.log(`  gate said: ${output.trim().split('\n').slice(-1)[0]}`);
  if (process.env.BENCH_KEEP) console.log(`  kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

/**
 * What signed reviews cost `check`: SIGNED commits in a zone that requires signed reviews, each
 * with an SSH-signed note review, against the same commits and notes in a zone that does not
 * (reviews judged, signatures not verified) and git's own `log` of the range.
 */
function signedReviewsBench(): void {
  const dir = mkdtempSync(join(tmpdir(), 'gp-bench-signed-'));
  must('git', ['init', '-q', '-b', 'main', dir], { cwd: tmpdir() });
  const key = join(dir, '.git', 'lead-key');
  must('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'lead', '-f', key], { cwd: dir });
  const allowed = join(dir, '.git', 'allowed_signers');
  writeFileSync(allowed, `lead@example.com ${readFileSync(`${key}.pub`, 'utf8')}`);
  for (const [name, value] of [
    ['gpg.format', 'ssh'],
    ['user.signingKey', key],
    ['gpg.ssh.allowedSignersFile', allowed],
  ])
    must('git', ['config', name, value], { cwd: dir });
  must('git', ['commit', '-q', '--allow-empty', '-m', 'base'], { cwd: dir });
  const base = must('git', ['rev-parse', 'HEAD'], { cwd: dir }).trim();
  const parts: string[] = [];
  for (let c = 0; c < SIGNED; c++) {
    const message = `Change ${c}\n\nAI-Assistance: generated\nAI-Explanation: Benchmark change number ${c} with a signed review\n`;
    const body = `export const v${c} = ${c};\n`;
    const from = c === 0 ? `from ${base}\n` : '';
    parts.push(
      `commit refs/heads/main\ncommitter Ada <ada@example.com> ${1767225600 + 60 * (c + 1)} +0000\ndata ${Buffer.byteLength(message)}\n${message}${from}`,
    );
    parts.push(`M 100644 inline services/api/f${c}.ts\ndata ${Buffer.byteLength(body)}\n${body}\n`);
  }
  must('git', ['fast-import', '--quiet'], { cwd: dir, input: parts.join('') });
  const tip = must('git', ['rev-parse', 'main'], { cwd: dir }).trim();
  const commits = must('git', ['rev-list', '--reverse', `${base}..${tip}`], { cwd: dir })
    .trim()
    .split('\n');
  const diff = must('git', ['diff-tree', '--stdin', '-p', '-r', '--full-index', '--no-renames'], { cwd: dir, input: `${commits.join('\n')}\n` });
  const patches = new Map(
    must('git', ['patch-id', '--verbatim'], { cwd: dir, input: diff })
      .trim()
      .split('\n')
      .map((line) => [line.split(' ')[1], line.split(' ')[0]]),
  );
  const tree = must('git', ['hash-object', '-t', 'tree', '--stdin'], { cwd: dir, input: '' }).trim();
  const signedObjects: string[] = [];
  for (const commit of commits) {
    const at = '2026-01-02T00:00:00.000Z';
    const patch = patches.get(commit) ?? '';
    const signed = must('git', ['commit-tree', '-S', tree], { cwd: dir, input: formatReviewPayload({ commit, patch, by: 'lead@example.com', at }) }).trim();
    signedObjects.push(signed);
    const signature = must('git', ['cat-file', 'commit', signed], { cwd: dir });
    const note = {
      schema: 'git-provenance/1',
      level: 'generated',
      recordedBy: 'cli',
      recordedAt: at,
      files: [],
      reviews: [{ by: 'lead@example.com', at, patch, signature }],
    };
    must('git', ['notes', '--ref=provenance', 'add', '-f', '-m', JSON.stringify(note), commit], { cwd: dir });
  }
  // No budget here: every commit is AI in one service, and budgets are measured above.
  const config = CONFIG.slice(0, CONFIG.indexOf('budgets:'));
  const signedConfig = config.replace('    reviewers: ["lead@example.com"]\n', '    reviewers: ["lead@example.com"]\n    requireSignedReviews: true\n');
  const floor: number[] = [];
  const plain: number[] = [];
  const verified: number[] = [];
  const gitVerify: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    gitVerify.push(sh('git', ['log', '--no-walk', '--format=%G? %GS', ...signedObjects], { cwd: dir }).ms);
    floor.push(sh('git', ['log', '-M', '--numstat', '-z', '--notes=refs/notes/provenance', '--format=%H%x00%B%x00%N', `${base}..${tip}`], { cwd: dir }).ms);
    writeFileSync(join(dir, '.provenance.yml'), config);
    const unsignedRun = sh(process.execPath, [BIN, 'check', `${base}..${tip}`, '--json'], { cwd: dir });
    plain.push(unsignedRun.ms);
    writeFileSync(join(dir, '.provenance.yml'), signedConfig);
    const signedRun = sh(process.execPath, [BIN, 'check', `${base}..${tip}`, '--json'], { cwd: dir });
    if (signedRun.status !== 0) throw new Error(`signed check failed: ${signedRun.stdout.slice(0, 400)}${signedRun.stderr}`);
    verified.push(signedRun.ms);
  }
  console.log(`signed reviews: ${commits.length} commits, each with an SSH-signed note review (${RUNS} runs, medians)`);
  console.log(`  git floor  log -M --numstat --notes over the range   ${median(floor).toFixed(0)} ms`);
  console.log(`  git's own verification: log --no-walk --format=%G? of the signed objects   ${median(gitVerify).toFixed(0)} ms`);
  console.log(
    `  check, zone without requireSignedReviews             ${median(plain).toFixed(0)} ms   ratio to floor ${(median(plain) / median(floor)).toFixed(1)}x`,
  );
  console.log(
    `  check, requireSignedReviews (every signature checked) ${median(verified).toFixed(0)} ms   added ${(median(verified) - median(plain)).toFixed(0)} ms = ${((median(verified) - median(plain)) / median(gitVerify)).toFixed(2)}x git's own verification`,
  );
  if (process.env.BENCH_KEEP) console.log(`  kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

const which = process.argv[2];
if (!which || which === 'commit') commitGateBench();
if (!which || which === 'push') pushGateBench();
if (!which || which === 'signed') signedReviewsBench();
if (!process.env.BENCH_KEEP) rmSync(env.HOME as string, { recursive: true, force: true });

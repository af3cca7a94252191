// Which way to talk to git: the git CLI through src/git/run.ts, simple-git, or isomorphic-git.
// Same repository, same questions, one run; the floor is `git --version` (process start-up).
// Run: node --import tsx bench/git-access.ts [commits]

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join, resolve } from 'node:path';
import { simpleGit } from 'simple-git';
import git from 'isomorphic-git';
import { benchDir, benchEnv, fastImport, row, time, timeCommand } from './lib.ts';

const COMMITS = Number(process.argv[2] ?? 2000);
const dir = benchDir('git-access');
spawnSync('git', ['init', '-q', '-b', 'main', dir]);

// History: COMMITS commits touching 200 files, each with a trailer and a provenance note.
let stream = '';
for (let i = 1; i <= COMMITS; i++) {
  const body = `Change ${i}\n\nAI-Assistance: ${['none', 'assisted', 'generated'][i % 3]}\n`;
  const content = `line ${i}\n`;
  stream += `commit refs/heads/main\nmark :${i}\ncommitter Bench <bench@example.com> ${1_700_000_000 + i * 60} +0000\ndata ${Buffer.byteLength(body)}\n${body}`;
  if (i > 1) stream += `from :${i - 1}\n`;
  stream += `M 100644 inline src/f${i % 200}.ts\ndata ${Buffer.byteLength(content)}\n${content}\n`;
}
const note = JSON.stringify({ schema: 'git-provenance/1', level: 'assisted', recordedBy: 'import', recordedAt: '', files: [], reviews: [] });
stream += `commit refs/notes/provenance\ncommitter Bench <bench@example.com> ${1_700_000_000 + COMMITS * 60} +0000\ndata 5\nnotes\n`;
for (let i = 1; i <= COMMITS; i++) stream += `N inline :${i}\ndata ${Buffer.byteLength(note)}\n${note}\n`;
stream += '\n';
fastImport(dir, stream);
spawnSync('git', ['checkout', '-q', 'main'], { cwd: dir });
const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).stdout.trim();
const env = benchEnv();
const cli = (args: string[]) => {
  const result = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout;
};
const sg = simpleGit({ baseDir: dir });

const floor = await timeCommand(15, 'git', ['--version']);
const nodeFloor = await timeCommand(10, process.execPath, ['-e', '0']);
console.log(`repository: ${COMMITS} commits, ${COMMITS} notes (${dir})`);
console.log(`floor: git --version ${floor.toFixed(1)} ms; node -e 0 ${nodeFloor.toFixed(1)} ms\n`);
console.log(`${'task'.padEnd(58)} ${'median'.padStart(12)}  ${'vs git --version'}`);

const results: [string, number][] = [];
const measure = async (label: string, runs: number, fn: () => unknown) => {
  const ms = await time(runs, fn);
  results.push([label, ms]);
  console.log(row(label, ms, floor));
};

await measure('read HEAD message + note: git CLI (2 processes)', 15, () => {
  cli(['show', '-s', '--format=%H%x00%B', 'HEAD']);
  cli(['notes', '--ref=provenance', 'show', 'HEAD']);
});
await measure('read HEAD message + note: simple-git', 15, async () => {
  await sg.show(['-s', '--format=%H%x00%B', 'HEAD']);
  await sg.raw(['notes', '--ref=provenance', 'show', 'HEAD']);
});
await measure('read HEAD message + note: isomorphic-git', 5, async () => {
  await git.readCommit({ fs, dir, oid: head });
  try {
    await git.readNote({ fs, dir, ref: 'refs/notes/provenance', oid: head });
  } catch {
    // Fanned-out notes trees are not readable by isomorphic-git (see DECISIONS).
  }
});
await measure(`log of ${COMMITS} commits with trailers: git CLI`, 5, () => cli(['log', '--format=%H%x00%(trailers:key=AI-Assistance,valueonly)']));
await measure(`log of ${COMMITS} commits: simple-git`, 5, () => sg.log());
await measure(`log of ${COMMITS} commits: isomorphic-git`, 1, () => git.log({ fs, dir, ref: 'main' }));
await measure(`all ${COMMITS} notes: git notes list + cat-file --batch`, 5, () => {
  const blobs = cli(['notes', '--ref=provenance', 'list'])
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ')[0]);
  spawnSync('git', ['cat-file', '--batch'], { cwd: dir, input: `${blobs.join('\n')}\n`, maxBuffer: 1 << 30 });
});
await measure('200 notes: isomorphic-git readNote', 1, async () => {
  const commits = cli(['rev-list', '-200', 'HEAD']).split('\n').filter(Boolean);
  let read = 0;
  for (const oid of commits) {
    try {
      await git.readNote({ fs, dir, ref: 'refs/notes/provenance', oid });
      read++;
    } catch {
      // counted below
    }
  }
  if (read < commits.length) console.log(`   isomorphic-git read ${read} of ${commits.length} notes (the others: fanned-out notes tree)`);
});

// Staged files inside a commit hook: the index git is committing may be GIT_INDEX_FILE.
fs.writeFileSync(join(dir, 'src', 'f1.ts'), 'changed\n');
const altIndex = join(dir, '.git', 'index.alt');
fs.copyFileSync(join(dir, '.git', 'index'), altIndex);
spawnSync('git', ['add', 'src/f1.ts'], { cwd: dir, env: { ...env, GIT_INDEX_FILE: altIndex } });
const staged = cli(['diff-index', '--cached', '--name-only', 'HEAD']).trim();
const stagedAlt = spawnSync('git', ['diff-index', '--cached', '--name-only', 'HEAD'], {
  cwd: dir,
  env: { ...env, GIT_INDEX_FILE: altIndex },
  encoding: 'utf8',
}).stdout.trim();
process.env.GIT_INDEX_FILE = altIndex;
const sgStaged = (await simpleGit({ baseDir: dir }).diff(['--cached', '--name-only', 'HEAD'])).trim();
const isoStaged = (await git.statusMatrix({ fs, dir })).filter(([, h, , s]) => h !== s).map(([path]) => path);
delete process.env.GIT_INDEX_FILE;
console.log(`\nstaged files with GIT_INDEX_FILE set (as in \`git commit -a\` / \`git commit <path>\` hooks):`);
console.log(`  git CLI: [${stagedAlt}] (default index: [${staged}])`);
console.log(`  simple-git: [${sgStaged}]`);
console.log(`  isomorphic-git statusMatrix: [${isoStaged.join(', ')}]`);
await measure('staged files: git diff-index --cached', 10, () => cli(['diff-index', '--cached', '--name-only', 'HEAD']));
await measure('staged files: isomorphic-git statusMatrix', 1, () => git.statusMatrix({ fs, dir }));

fs.rmSync(resolve(dir), { recursive: true, force: true });

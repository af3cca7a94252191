// `blame` against `git blame --porcelain` on the same file in the same run: a 5,000-line file
// changed by 1,000 commits, each with a note (half of them with line ranges).
// Run: npm run bench -- blame

import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { benchDir, benchEnv, fastImport, median, row, timeCommand } from './lib.ts';

const BIN = resolve('bin/git-provenance');
const RUNS = 5;
const LINES = 5000;
const COMMITS = 1000;
const env = benchEnv();

const dir = benchDir('blame');
spawnSync('git', ['init', '-q', '-b', 'main', dir], { env });
const stream: string[] = [];
const content = Array.from({ length: LINES }, (_, i) => `line ${i} v0`);
const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
for (let c = 1; c <= COMMITS; c++) {
  const changed: number[] = [];
  if (c > 1) {
    for (let k = 0; k < 5; k++) {
      const at = (c * 37 + k * 1013) % LINES;
      content[at] = `line ${at} v${c}`;
      changed.push(at + 1);
    }
  }
  const message = `change ${c}\n\nAI-Assistance: ${c % 3 === 0 ? 'generated' : 'none'}\nAI-Explanation: Change number ${c} of the benchmark history\n`;
  stream.push(`commit refs/heads/main\nmark :${c}\ncommitter Bench <bench@example.com> ${1_700_000_000 + c * 60} +0000\n${data(message)}`);
  stream.push(`M 100644 inline big.txt\n${data(`${content.join('\n')}\n`)}\n`);
}
for (let c = 1; c <= COMMITS; c++) {
  const files = [
    {
      path: 'big.txt',
      service: '(other)',
      zone: null,
      added: 5,
      deleted: 5,
      ...(c % 2 ? { aiLines: [[((c * 37) % LINES) + 1, ((c * 37) % LINES) + 1]], agent: { tool: 'claude-code' } } : {}),
    },
  ];
  const note = JSON.stringify({
    schema: 'git-provenance/1',
    level: c % 3 === 0 ? 'generated' : 'none',
    recordedBy: 'hook',
    recordedAt: '2026-01-01T00:00:00Z',
    files,
  });
  stream.push(`commit refs/notes/provenance\ncommitter Bench <bench@example.com> ${1_700_000_000 + c} +0000\n${data('notes')}`);
  stream.push(`N inline :${c}\n${data(note)}\n`);
}
fastImport(dir, stream.join(''));
spawnSync('git', ['checkout', '-q', '-f', 'main'], { cwd: dir, env });

// Runs alternate (git, then each of ours, round after round) so that a load change on the
// shared machine hits the baseline and ours alike.
const variants: [string, string, string[]][] = [
  ['git blame --porcelain big.txt (baseline)', 'git', ['blame', '--porcelain', 'big.txt']],
  ['git-provenance blame --porcelain', process.execPath, [BIN, 'blame', 'big.txt', '--porcelain']],
  ['git-provenance blame (terminal format, piped)', process.execPath, [BIN, 'blame', 'big.txt']],
  ['git-provenance blame --json', process.execPath, [BIN, 'blame', 'big.txt', '--json']],
];
const samples = variants.map(() => [] as number[]);
for (let run = 0; run < RUNS; run++) {
  for (const [i, [, command, args]] of variants.entries()) samples[i].push(await timeCommand(1, command, args, { cwd: dir, env }));
}
const medians = samples.map(median);
console.log(`${LINES} lines, ${COMMITS} commits, ${RUNS} alternating rounds\n`);
console.log(`${'what'.padEnd(58)} ${'median'.padStart(12)}  vs git blame`);
for (const [i, [label]] of variants.entries()) console.log(row(label, medians[i], medians[0]));

// What an agent waits for on each file edit: `git-provenance checkpoint` before and after an Edit
// of a 2,000-line file, against `node -e 0` measured in the same run.
// Run: npm run bench -- checkpoint

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { benchDir, benchEnv, row, timeCommand } from './lib.ts';

const BIN = resolve('bin/git-provenance');
const RUNS = 21;
const env = benchEnv();
const node = process.execPath;

const dir = benchDir('checkpoint');
spawnSync('git', ['init', '-q', dir], { env });
const file = join(dir, 'big.ts');
const lines = Array.from({ length: 2000 }, (_, i) => `export const value${i} = ${i}; // line ${i}`);
writeFileSync(file, `${lines.join('\n')}\n`);
const payload = (event: string) =>
  JSON.stringify({
    session_id: 'bench',
    cwd: dir,
    hook_event_name: event,
    tool_name: 'Edit',
    tool_input: { file_path: file, old_string: lines[1000], new_string: `${lines[1000]}\nexport const added = 1;` },
  });

const floor = await timeCommand(RUNS, node, ['-e', '0'], { env });
console.log(`floor: node -e 0 = ${floor.toFixed(1)} ms (NODE_EXTRA_CA_CERTS unset)\n`);
console.log(`${'what'.padEnd(58)} ${'median'.padStart(12)}  vs node -e 0`);
console.log(row("git-provenance hook <no-op> (the commit hooks' path)", await timeCommand(RUNS, node, [BIN, 'hook', 'no-such-hook'], { env }), floor));
console.log(row('checkpoint, garbage on stdin', await timeCommand(RUNS, node, [BIN, 'checkpoint'], { env, input: 'not json' }), floor));
console.log(
  row('checkpoint PreToolUse (snapshot of 2,000 lines)', await timeCommand(RUNS, node, [BIN, 'checkpoint'], { env, input: payload('PreToolUse') }), floor),
);
// Each Post reads the snapshot a Pre left: time the pair, as the agent sees it.
writeFileSync(join(dir, 'pre.json'), payload('PreToolUse'));
writeFileSync(join(dir, 'post.json'), payload('PostToolUse'));
const measured = await timeCommand(
  RUNS,
  'sh',
  ['-c', `"${node}" "${BIN}" checkpoint <"$1" && "${node}" "${BIN}" checkpoint <"$2"`, 'pair', join(dir, 'pre.json'), join(dir, 'post.json')],
  { env },
);
console.log(row('checkpoint Pre + Post of one Edit (per edit, both calls)', measured, floor));
console.log(row('  the same, per call', measured / 2, floor));

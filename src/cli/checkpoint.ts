// `git-provenance checkpoint`, the command coding agents' hooks run on every file edit. Loaded
// without yargs (src/main.ts dispatches it first, like `hook`); always exits 0, whatever it reads.

import { readFileSync } from 'node:fs';
import { MAX_PAYLOAD_BYTES, recordCheckpoint } from '../features/checkpoint/record.ts';

export function runCheckpoint(): number {
  let input = '';
  try {
    // A terminal is a person trying the command: there is no payload to wait for.
    if (!process.stdin.isTTY) {
      const buffer = readFileSync(0);
      if (buffer.length <= MAX_PAYLOAD_BYTES) input = buffer.toString('utf8');
    }
  } catch {
    input = '';
  }
  let answer = '';
  try {
    answer = recordCheckpoint(input, process.env, process.cwd());
  } catch {
    answer = '';
  }
  if (answer) process.stdout.write(answer);
  return 0;
}

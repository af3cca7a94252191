// What every bypass test asserts besides its own outcome: the documented exit code, no stack
// trace, no raw control byte from the repository on either stream, nothing written outside.

import * as assert from 'uvu/assert';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../helpers/repo.ts';

const STACK_LINE = /^\s+at .+[:(]\d+:\d+\)?$/m;
// ESC, CSI, other C0 controls except tab and newline, DEL, C1, line/paragraph separators, bidi.
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export function assertHandled(result: RunResult, status: number, what: string): void {
  assert.is(result.status, status, `${what}: exit ${result.status}, expected ${status}\n${result.stderr}`);
  assert.not.match(result.stderr, STACK_LINE, `${what}: a stack trace reached stderr`);
  assert.not.match(result.stderr, /internal error/, `${what}: an internal error`);
  const raw = RAW_CONTROL.exec(result.stdout) ?? RAW_CONTROL.exec(result.stderr);
  assert.not.ok(raw, `${what}: a raw control character U+${raw?.[0].charCodeAt(0).toString(16).padStart(4, '0')} reached the terminal`);
}

/** Every file under `dir` with its size and modification time, to prove nothing changed there. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) walk(path);
      else out.set(path, `${stat.size}:${stat.mtimeMs}`);
    }
  };
  walk(dir);
  return out;
}

/** A bound for pattern cases: how long a command may take on any machine we test on. */
export const PATTERN_TIME_BOUND_MS = 10_000;

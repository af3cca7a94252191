// Git does not tell prepare-commit-msg that `git commit --amend -m …` is an amend (the source
// is "message", as for a new commit), yet an amend must keep the record. The git process that
// runs the hook still has its arguments: walk up the process tree to it.

import { readFileSync } from 'node:fs';
import { nodeChildProcess } from '../../model/lazy-builtins.ts';

const AMEND = /^--am(?:e(?:n(?:d)?)?)?$/;

function isAmendingCommit(args: readonly string[]): boolean {
  const index = args.indexOf('commit');
  return index >= 0 && args.slice(index + 1).some((arg) => (arg === '--' ? false : AMEND.test(arg)));
}

function linuxParent(pid: number): { ppid: number; args: string[] } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { ppid, args };
  } catch {
    return undefined;
  }
}

/** True when an ancestor process is `git commit --amend`. Best effort: false when unknown. */
export function runningUnderAmend(): boolean {
  const args = gitCommitArguments();
  return args !== undefined && isAmendingCommit(args);
}

/** True when the `git commit` running the hook was given --allow-empty-message. */
export function allowsEmptyMessage(): boolean {
  const args = gitCommitArguments();
  return args?.slice(args.indexOf('commit') + 1).includes('--allow-empty-message') === true;
}

/** The arguments of the ancestor `git commit` process, or undefined when it cannot be found. */
function gitCommitArguments(): string[] | undefined {
  if (process.platform === 'linux') {
    let pid = process.ppid;
    for (let depth = 0; depth < 8 && pid > 1; depth++) {
      const info = linuxParent(pid);
      if (!info) return undefined;
      const program = info.args[0]?.split('/').pop() ?? '';
      if (program === 'git' && info.args.includes('commit')) return info.args;
      pid = info.ppid;
    }
    return undefined;
  }
  if (process.platform === 'win32') return undefined;
  // macOS and the BSDs: one `ps` call, then the same walk in memory.
  const result = nodeChildProcess().spawnSync('ps', ['-A', '-o', 'pid=,ppid=,command='], { encoding: 'utf8', timeout: 2000 });
  if (result.status !== 0) return undefined;
  const table = new Map<number, { ppid: number; args: string[] }>();
  for (const line of result.stdout.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (match) table.set(Number(match[1]), { ppid: Number(match[2]), args: match[3].split(/\s+/) });
  }
  let pid = process.ppid;
  for (let depth = 0; depth < 8 && pid > 1; depth++) {
    const info = table.get(pid);
    if (!info) return undefined;
    if ((info.args[0]?.split('/').pop() ?? '') === 'git' && info.args.includes('commit')) return info.args;
    pid = info.ppid;
  }
  return undefined;
}

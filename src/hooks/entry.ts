// `git-provenance hook <name> [args…]`, called by the shims in hooks/. Capture and the zone gates
// each own their part of a hook; this file only decides the order. Unknown hook names exit 0 so
// an older binary never blocks a newer shim.

import { readFileSync } from 'node:fs';
import { openRepo } from '../git/repo.ts';
import { reportError } from '../features/output.ts';
import type { HookContext } from './context.ts';

function contextFor(name: string, args: string[]): HookContext {
  let stdin: string | undefined;
  return {
    name,
    args,
    repo: openRepo(),
    env: process.env,
    readStdin: () => (stdin ??= readFileSync(0, 'utf8')),
  };
}

export async function runHook(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  try {
    switch (name) {
      case 'prepare-commit-msg': {
        const capture = await import('../features/capture/hooks.ts');
        return await capture.prepareCommitMsg(contextFor(name, args));
      }
      case 'commit-msg': {
        const context = contextFor(name, args);
        const capture = await import('../features/capture/hooks.ts');
        const status = await capture.commitMsg(context);
        if (status !== 0) return status;
        const zones = await import('../features/zones/gates.ts');
        const gate = await zones.commitGate(context);
        // git counted the note's lines in the background while the gate ran.
        await capture.finishCommitMsg(gate === 0);
        return gate;
      }
      case 'post-commit': {
        const capture = await import('../features/capture/hooks.ts');
        return await capture.postCommit(contextFor(name, args));
      }
      case 'post-rewrite': {
        const capture = await import('../features/capture/hooks.ts');
        return await capture.postRewrite(contextFor(name, args));
      }
      case 'pre-push': {
        // The gate runs first: a refused push must not publish notes either.
        const context = contextFor(name, args);
        const zones = await import('../features/zones/gates.ts');
        const status = await zones.pushGate(context);
        if (status !== 0) return status;
        const capture = await import('../features/capture/hooks.ts');
        return await capture.prePush(context);
      }
      default:
        return 0;
    }
  } catch (error) {
    const status = reportError(error);
    if (name === 'prepare-commit-msg' || name === 'commit-msg') {
      // Say what happened to the commit and the message, and how to get past a broken setup.
      process.stderr.write('git-provenance: the commit was not made; git keeps your message in .git/COMMIT_EDITMSG (fix the problem above and run `git commit -e -F .git/COMMIT_EDITMSG`, or add --no-verify to skip the checks; push and CI still check)\n');
    }
    if (name === 'post-commit' || name === 'post-rewrite') return 0;
    return status;
  }
}

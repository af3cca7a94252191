// Zone gates at commit and push (issue: zone rules). Placeholder handlers: each returns the
// hook's exit code.

import type { HookContext } from '../../hooks/context.ts';

/** commit-msg: the level is in the final message; refuse levels not allowed in touched zones. */
export async function commitGate(_context: HookContext): Promise<number> {
  return 0;
}

/** pre-push: check every commit the push would add to the remote. */
export async function pushGate(_context: HookContext): Promise<number> {
  return 0;
}

// pre-push: the zone gate first (a refused push must not publish notes either), then the notes
// are pushed along with the user's refs so that teammates and CI see the records.

import { isNotesRef } from '../../../git/notes.ts';
import { PROGRAM } from '../../../model/display.ts';
import type { HookContext } from '../../hook-context.ts';
import { pushGate } from '../../zones/gates.ts';
import { syncNotes } from '../notes-sync.ts';
import { isDisabled, say } from './common.ts';

/** A notes push inside the user's `git push` gets this long before we give up and warn. */
const PUSH_TIMEOUT_MS = 60_000;

export async function prePush(context: HookContext): Promise<number> {
  const gate = await pushGate(context);
  if (gate !== 0) return gate;
  return pushNotes(context);
}

async function pushNotes(context: HookContext): Promise<number> {
  if (isDisabled(context)) return 0;
  const [remote] = context.args;
  if (!remote) return 0;
  const lines = context
    .readStdin()
    .split('\n')
    .filter((line) => line.trim());
  // Only the user's own refs trigger a notes push (our notes push runs with --no-verify anyway).
  const userRefs = lines.filter((line) => {
    const [localRef, localOid] = line.split(' ');
    return localRef && !isNotesRef(localRef) && localOid && !/^0+$/.test(localOid);
  });
  if (!userRefs.length) return 0;
  try {
    const result = syncNotes(context.repo, await context.config(), remote, { timeoutMs: PUSH_TIMEOUT_MS, fetchFirst: false, push: true });
    if (!result.ok)
      say(`warning: provenance notes were not pushed to ${remote}: ${result.detail}; your push goes on (run \`${PROGRAM} sync ${remote}\` later)`);
  } catch (error) {
    say(`warning: provenance notes were not pushed to ${remote}: ${error instanceof Error ? error.message : String(error)}; your push goes on`);
  }
  return 0;
}

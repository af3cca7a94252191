// `git-provenance hook <name> [args…]`, called by the runner in hooks/. One handler per hook in
// src/features/capture/hooks/, each loaded only when its hook runs; this file only dispatches
// and reports errors. Unknown hook names exit 0 so an older binary never blocks a newer runner.

import { createHookContext, type HookContext } from '../features/hook-context.ts';
import { reportError } from '../features/output.ts';

type Handler = (context: HookContext) => Promise<number>;

const HANDLERS: Record<string, () => Promise<Handler>> = {
  'prepare-commit-msg': async () => (await import('../features/capture/hooks/prepare-commit-msg.ts')).prepareCommitMsg,
  'commit-msg': async () => (await import('../features/capture/hooks/commit-msg.ts')).commitMsg,
  'post-commit': async () => (await import('../features/capture/hooks/post-commit.ts')).postCommit,
  'post-rewrite': async () => (await import('../features/capture/hooks/post-rewrite.ts')).postRewrite,
  'pre-push': async () => (await import('../features/capture/hooks/pre-push.ts')).prePush,
};

export async function runHook(argv: string[]): Promise<number> {
  const [name = '', ...args] = argv;
  const load = Object.hasOwn(HANDLERS, name) ? HANDLERS[name] : undefined;
  if (!load) return 0;
  try {
    const handler = await load();
    return await handler(createHookContext(name, args));
  } catch (error) {
    const status = reportError(error);
    if (name === 'prepare-commit-msg' || name === 'commit-msg') {
      // Say what happened to the commit and the message, and how to get past a broken setup.
      process.stderr.write(
        'git-provenance: the commit was not made; git keeps your message in .git/COMMIT_EDITMSG (fix the problem above and run `git commit -e -F .git/COMMIT_EDITMSG`, or add --no-verify to skip the checks; push and CI still check)\n',
      );
    }
    if (name === 'post-commit' || name === 'post-rewrite') return 0;
    return status;
  }
}

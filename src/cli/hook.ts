// `git-provenance hook <name> [args…]`, called by the runner in hooks/. One handler per hook in
// src/features/capture/hooks/, all in the hooks' own bundle (src/hooks-main.ts: fewer files to
// load beats loading only one handler); this file only dispatches and reports errors. Unknown hook names exit 0 so an older binary never blocks a newer runner.

import { createHookContext, type HookContext } from '../features/hook-context.ts';
import { reportError } from '../features/output.ts';
import { commitMsg } from '../features/capture/hooks/commit-msg.ts';
import { postCommit } from '../features/capture/hooks/post-commit.ts';
import { postRewrite } from '../features/capture/hooks/post-rewrite.ts';
import { prePush } from '../features/capture/hooks/pre-push.ts';
import { prepareCommitMsg } from '../features/capture/hooks/prepare-commit-msg.ts';

type Handler = (context: HookContext) => Promise<number>;

const HANDLERS: Record<string, Handler> = {
  'prepare-commit-msg': prepareCommitMsg,
  'commit-msg': commitMsg,
  'post-commit': postCommit,
  'post-rewrite': postRewrite,
  'pre-push': prePush,
};

export async function runHook(argv: string[]): Promise<number> {
  const [name = '', ...args] = argv;
  const handler = Object.hasOwn(HANDLERS, name) ? HANDLERS[name] : undefined;
  return handler ? runHandler(name, handler, args) : 0;
}

/** Runs one hook's handler: errors become one line (and, at commit time, what became of the commit). */
export async function runHandler(name: string, handler: Handler, args: string[]): Promise<number> {
  try {
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

// Commit-time capture (issue: install and the capture flow). Placeholder handlers: each returns
// the hook's exit code.

import type { HookContext } from '../../hooks/context.ts';

export async function prepareCommitMsg(_context: HookContext): Promise<number> {
  return 0;
}

export async function commitMsg(_context: HookContext): Promise<number> {
  return 0;
}

export async function postCommit(_context: HookContext): Promise<number> {
  return 0;
}

export async function postRewrite(_context: HookContext): Promise<number> {
  return 0;
}

export async function prePush(_context: HookContext): Promise<number> {
  return 0;
}

// How the tool talks to people: one line per error with the fix, colour only where wanted.

import pc from 'picocolors';
import { ExitCode, ProvenanceError } from '../model/errors.ts';
import { escapeControls, safeJson } from '../model/safe-text.ts';

export const PROGRAM = 'git-provenance';

export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && process.env.TERM !== 'dumb';
}

export const colors = pc.createColors(useColor());

export function warn(message: string): void {
  process.stderr.write(`${PROGRAM}: ${colors.yellow('warning')}: ${escapeControls(message)}\n`);
}

/** Prints an error as one line (message, then the fix) and returns its exit code. */
export function reportError(error: unknown): number {
  if (error instanceof ProvenanceError) {
    const hint = error.hint ? ` (${error.hint})` : '';
    process.stderr.write(`${PROGRAM}: ${escapeControls(`${error.message}${hint}`)}\n`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const debug = process.env.GIT_PROVENANCE_DEBUG;
  process.stderr.write(`${PROGRAM}: internal error: ${escapeControls(error instanceof Error ? error.message : String(error))} (please report it; set GIT_PROVENANCE_DEBUG=1 for details)\n`);
  if (debug) process.stderr.write(`${escapeControls(detail).replace(/\\u000a/g, '\n')}\n`);
  return ExitCode.internal;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${safeJson(value)}\n`);
}

// How the tool talks to people: one line per error with the fix, colour only where wanted.
// Commands and hooks both write through here, so NO_COLOR and the error format hold everywhere.

import { picocolors } from '../model/lazy-builtins.ts';
import { PROGRAM } from '../model/display.ts';
import { ExitCode, ProvenanceError } from '../model/errors.ts';
import { escapeControls, safeJson } from '../model/safe-text.ts';

/** Colour functions; the colourless set returns text unchanged. */
export type Colors = ReturnType<typeof import('picocolors').createColors>;

/** NO_COLOR wins, then FORCE_COLOR (any value but "0"), else colour on a terminal that is not dumb. */
function useColor(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

export function colorsFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): Colors {
  return picocolors().createColors(useColor(stream, env));
}

/** Colours made on first use: building them touches `process.stdout` (node then builds the stream), which a hook that prints nothing should not pay for. */
function lazyColors(make: () => Colors): Colors {
  let made: Colors | undefined;
  return new Proxy({} as Colors, {
    get: (_target, key) => {
      made ??= make();
      return made[key as keyof Colors];
    },
  });
}

/** Colours for standard output (command results), decided on first use. */
export const colors: Colors = lazyColors(() => colorsFor(process.stdout));

export const noColors: Colors = lazyColors(() => picocolors().createColors(false));

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
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${PROGRAM}: internal error: ${escapeControls(message)} (please report it; set GIT_PROVENANCE_DEBUG=1 for details)\n`);
  if (debug) process.stderr.write(`${escapeControls(detail).replace(/\\u000a/g, '\n')}\n`);
  return ExitCode.internal;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${safeJson(value)}\n`);
}

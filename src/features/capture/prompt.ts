// The commit-time prompt. Git gives hooks stdin from /dev/null, so the prompt opens /dev/tty
// itself, and only when stderr is a terminal and CI is unset: an IDE started from a shell may
// still have a controlling terminal that nobody is looking at. inquirer is imported here only,
// on the one path that shows a prompt (it costs ~30 ms to load).

import { closeSync, openSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';
import type { Config } from '../../model/config.ts';
import { MAX_EXPLANATION_LENGTH, normalizeExplanation, normalizeModel, normalizeTool, type DeclaredFields } from '../../model/trailers.ts';

export interface Terminal {
  /**
   * Fresh streams on /dev/tty for one prompt: inquirer ends its output stream when a prompt is
   * done, so a second prompt on the same stream would print nothing.
   */
  streams(): { input: ReadStream; output: WriteStream };
  close(): void;
}

function openTty(): { input: ReadStream; output: WriteStream } {
  const readFd = openSync('/dev/tty', 'r');
  let writeFd: number;
  try {
    writeFd = openSync('/dev/tty', 'w');
  } catch (error) {
    closeSync(readFd);
    throw error;
  }
  return { input: new ReadStream(readFd), output: new WriteStream(writeFd) };
}

export function openTerminal(env: Readonly<Record<string, string | undefined>>): Terminal | undefined {
  if (env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI !== 'false') return undefined;
  if (env.GIT_PROVENANCE_NO_PROMPT === '1') return undefined;
  if (!process.stderr.isTTY) return undefined;
  let current: { input: ReadStream; output: WriteStream } | undefined;
  let fresh = true;
  try {
    current = openTty();
  } catch {
    // ENXIO: no controlling terminal. That is the signal to go non-interactive.
    return undefined;
  }
  const close = () => {
    current?.input.destroy();
    current?.output.destroy();
    current = undefined;
  };
  return {
    streams: () => {
      // The previous prompt's input must go: two readers on one terminal split the keystrokes.
      if (!fresh || !current) {
        close();
        current = openTty();
      }
      fresh = false;
      return current;
    },
    close,
  };
}

const LEVEL_HINTS: Record<string, string> = {
  none: 'written without AI',
  assisted: 'AI suggested or edited parts; I wrote or reworked the rest',
  generated: 'mostly written by an AI tool',
};

const PROMPT_TIMEOUT_MS = 30 * 60 * 1000;

export async function promptForRecord(
  config: Config,
  terminal: Terminal,
  defaults: { level?: string; tool?: string; model?: string },
  /** The levels the staged zones allow (all levels when none restricts). */
  allowed: readonly string[] = config.levels,
): Promise<DeclaredFields & { level: string }> {
  // Offering a level the zone gate will refuse would waste the explanation typed after it.
  const offered = allowed.length ? config.levels.filter((level) => allowed.includes(level)) : [...config.levels];
  const restricted = offered.length < config.levels.length;
  const [{ default: select }, { default: input }] = await Promise.all([import('@inquirer/select'), import('@inquirer/input')]);
  const signal = AbortSignal.timeout(PROMPT_TIMEOUT_MS);
  const context = () => ({ ...terminal.streams(), signal, clearPromptOnDone: false });
  const level = await select(
    {
      message: restricted ? `AI assistance in this commit? (the staged zones allow ${offered.join(', ')})` : 'AI assistance in this commit?',
      choices: offered.map((value) => ({ value, name: value, description: LEVEL_HINTS[value] })),
      default: defaults.level && offered.includes(defaults.level) ? defaults.level : undefined,
    },
    context(),
  );
  const fields: DeclaredFields & { level: string } = { level };
  if (config.explanation.requiredFor.includes(level)) {
    const min = Math.max(config.explanation.minLength, 1);
    const text = await input(
      {
        message: 'In a sentence or two: how does this change fit the design?',
        validate: (value: string) => {
          const line = normalizeExplanation(value.length > MAX_EXPLANATION_LENGTH * 2 ? value.slice(0, MAX_EXPLANATION_LENGTH * 2) : value);
          if (line.length < min) return `at least ${min} characters (${line.length} so far)`;
          if (line.length > MAX_EXPLANATION_LENGTH) return `at most ${MAX_EXPLANATION_LENGTH} characters`;
          return true;
        },
      },
      context(),
    );
    fields.explanation = normalizeExplanation(text);
  }
  if (config.levels.indexOf(level) > 0) {
    const prefilled = defaults.tool ? (defaults.model ? `${defaults.tool}:${defaults.model}` : defaults.tool) : undefined;
    const text = await input(
      {
        message: 'Tool[:model] (e.g. claude-code:claude-opus-4-7; empty if you would rather not say)',
        default: prefilled,
        validate: (value: string) => {
          try {
            splitToolModel(value);
            return true;
          } catch (error) {
            return (error as Error).message;
          }
        },
      },
      context(),
    );
    Object.assign(fields, splitToolModel(text));
  }
  return fields;
}

function splitToolModel(value: string): { tool?: string; model?: string } {
  const text = value.trim();
  if (!text) return {};
  const colon = text.indexOf(':');
  const tool = normalizeTool(colon < 0 ? text : text.slice(0, colon));
  const model = colon < 0 ? undefined : text.slice(colon + 1).trim();
  return model ? { tool, model: normalizeModel(model) } : { tool };
}

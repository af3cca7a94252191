// Levels are ordered least to most AI; the config may rename or add levels, so every
// comparison goes through the configured list. "unknown" is never one of them.

import { nameRegExp, type NameSyntax } from './name-syntax.ts';

export const DEFAULT_LEVELS = ['none', 'assisted', 'generated'] as const;
export const UNKNOWN = 'unknown';

/** Syntax every level name must follow, so it can travel in a trailer and a note. */
export const LEVEL_SYNTAX: NameSyntax = { first: 'a-z', rest: 'a-z0-9-', maxLength: 32 };
export const LEVEL_NAME = nameRegExp(LEVEL_SYNTAX);

function levelRank(levels: readonly string[], level: string): number {
  return levels.indexOf(level);
}

export function isKnownLevel(levels: readonly string[], level: string | undefined): level is string {
  return level !== undefined && levels.includes(level);
}

/** Every level but the first counts as AI assistance. */
export function isAiLevel(levels: readonly string[], level: string): boolean {
  return levelRank(levels, level) > 0;
}

/** The most-AI level of those given; unknown names are ignored. */
export function highestLevel(levels: readonly string[], candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const candidate of candidates) {
    const rank = levelRank(levels, candidate);
    if (rank < 0) continue;
    if (best === undefined || rank > levelRank(levels, best)) best = candidate;
  }
  return best;
}

// `git-provenance zones`: where paths fall under the zones, and a whole-tree summary by zone.

import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Config } from '../../model/config.ts';
import { UsageError } from '../../model/errors.ts';
import { createPlacer } from '../../model/placement.ts';
import { allowedLevels, describeReviewRule } from '../../model/zones.ts';
import type { Repo } from '../../git/repo.ts';
import { trackedPaths } from '../../git/staged.ts';

export interface PathZone {
  path: string;
  /** null when no zone matches: every level is allowed. */
  zone: string | null;
  /** The pattern that decided, as written in the config. */
  pattern: string | null;
  allow: string[];
  review: string | null;
  service: string;
}

/**
 * A path as given on the command line, made relative to the repository root: relative paths
 * are read from the current directory (as git does), a leading "/" or absolute path inside the
 * work tree is accepted too.
 */
function repoRelative(repo: Repo, given: string): string {
  const root = repo.topLevel;
  if (!root) return given.replace(/^\/+/, '');
  const inside = (path: string) => path === root || path.startsWith(root + sep);
  // "/services/api" outside the work tree is read as CODEOWNERS reads it: from the root.
  const absolute = isAbsolute(given) ? (inside(given) ? given : resolve(root, given.replace(/^\/+/, ''))) : resolve(repo.cwd, given);
  const path = relative(root, absolute).split(sep).join('/');
  if (path === '..' || path.startsWith('../')) throw new UsageError(`${given} is outside the repository`, `name a path inside ${root}`);
  return path;
}

export function describePaths(repo: Repo, config: Config, paths: readonly string[]): PathZone[] {
  const placer = createPlacer(config);
  return paths.map((given) => {
    const path = repoRelative(repo, given);
    const match = placer.zone(path);
    return {
      path,
      zone: match?.value.name ?? null,
      pattern: match?.pattern ?? null,
      allow: allowedLevels(config, match?.value),
      review: match ? (describeReviewRule(match.value) ?? null) : null,
      service: placer.service(path),
    };
  });
}

export interface ZoneSummary {
  zone: string | null;
  files: number;
  allow: string[];
  review: string | null;
  /** A few paths, to recognise the zone by. */
  examples: string[];
}

/** Every tracked file counted under its zone, in config order (files in no zone last). */
export function summarizeTree(repo: Repo, config: Config): ZoneSummary[] {
  const placer = createPlacer(config);
  const byZone = new Map<string | null, ZoneSummary>();
  for (const zone of config.zones)
    byZone.set(zone.name, { zone: zone.name, files: 0, allow: allowedLevels(config, zone), review: describeReviewRule(zone) ?? null, examples: [] });
  byZone.set(null, { zone: null, files: 0, allow: [...config.levels], review: null, examples: [] });
  for (const path of trackedPaths(repo)) {
    const summary = byZone.get(placer.zone(path)?.value.name ?? null) as ZoneSummary;
    summary.files++;
    if (summary.examples.length < 3) summary.examples.push(path);
  }
  return [...byZone.values()].filter((summary) => summary.zone !== null || summary.files > 0);
}

// Where a path belongs under a config: its service, its zone, and whether reports ignore it.

import type { Config, Zone } from './config.ts';
import { compilePatterns, lastMatchingRule, type RuleMatch } from './paths.ts';

export const OTHER_SERVICE = '(other)';

export interface Placement {
  service: string;
  zone: RuleMatch<Zone> | undefined;
  ignored: boolean;
}

export interface Placer {
  service(path: string): string;
  zone(path: string): RuleMatch<Zone> | undefined;
  ignored(path: string): boolean;
  place(path: string): Placement;
}

/** Placers of configs already compiled in this process: a commit's gate and its note both place paths. */
const compiled = new WeakMap<Config, Placer>();

/** Compiles a config's patterns once (per config object); use one placer for many paths. */
export function createPlacer(config: Config, services: Record<string, string[]> = config.services): Placer {
  if (services !== config.services) return compilePlacer(config, services);
  let placer = compiled.get(config);
  if (!placer) {
    placer = compilePlacer(config, services);
    compiled.set(config, placer);
  }
  return placer;
}

function compilePlacer(config: Config, services: Record<string, string[]>): Placer {
  const serviceRule = lastMatchingRule(Object.entries(services).map(([name, patterns]) => ({ value: name, patterns })));
  const zoneRule = lastMatchingRule(config.zones.map((zone) => ({ value: zone, patterns: zone.paths })));
  const ignoreMatch = compilePatterns(config.ignore);
  const placer: Placer = {
    service: (path) => serviceRule(path)?.value ?? OTHER_SERVICE,
    zone: (path) => zoneRule(path),
    ignored: (path) => ignoreMatch(path),
    place: (path) => ({ service: placer.service(path), zone: placer.zone(path), ignored: placer.ignored(path) }),
  };
  return placer;
}

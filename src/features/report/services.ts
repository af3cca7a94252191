// Which service a path belongs to when the config names none, detected from the tree at the end
// of the range by combining what the repository declares: package workspaces (npm, yarn, pnpm),
// module roots (Cargo, Go, pyproject, Maven, Gradle manifests, which also cover Cargo and Go
// workspace members), CODEOWNERS paths, and top-level folders for whatever none of those covers.
// Each source is used only for the files it covers, so a CODEOWNERS that only names `.github/`
// or a few crates under `contrib/` never pushes the rest of the code into `(other)`. Also which
// paths .gitattributes marks linguist-generated or linguist-vendored (skipped like `ignore`).

import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import type { Repo } from '../../git/repo.ts';
import { listFiles, readBlob } from '../../git/tree.ts';
import { compilePattern, type PathMatcher } from '../../model/paths.ts';
import { createPlacer, OTHER_SERVICE } from '../../model/placement.ts';
import { defaultConfig } from '../../model/config-defaults.ts';

/** Where services came from; `serviceSource` in the report is the one that places the most files. */
export type ServiceSource = 'config' | 'workspaces' | 'CODEOWNERS' | 'module roots' | 'top-level folders' | 'none';

export interface SourceShare {
  source: ServiceSource;
  /** Services this source contributed (that own at least one file). */
  services: number;
  /** Share of the files at the end of the range that this source placed (0–1). */
  files: number;
}

export interface DetectedServices {
  /** The source that places the most files (`config` when the config names services). */
  source: ServiceSource;
  /** Every source used, most files first; files in `(other)` are the remainder. */
  sources: SourceShare[];
  /** Share of files outside every service. */
  otherFiles: number;
  /** name → patterns, in the config's form (the last matching pattern wins). */
  services: Record<string, string[]>;
}

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Folders whose manifests are examples or copies of other projects, not services. */
const NOT_A_SERVICE = /(^|\/)(node_modules|vendor|third_party|testdata|fixtures|__fixtures__)(\/|$)/;

function workspaceServices(files: readonly string[], read: (path: string) => string | undefined): Record<string, string[]> {
  const patterns: string[] = [];
  const rootPackage = read('package.json');
  if (rootPackage) {
    try {
      const json = JSON.parse(rootPackage) as { workspaces?: string[] | { packages?: string[] } };
      const list = Array.isArray(json.workspaces) ? json.workspaces : json.workspaces?.packages;
      if (Array.isArray(list)) patterns.push(...list.filter((item) => typeof item === 'string'));
    } catch {
      // An unreadable package.json names no workspaces.
    }
  }
  const pnpm = read('pnpm-workspace.yaml');
  if (pnpm) {
    try {
      const doc = parseYaml(pnpm) as { packages?: unknown };
      if (Array.isArray(doc?.packages)) patterns.push(...doc.packages.filter((item): item is string => typeof item === 'string'));
    } catch {
      // Same.
    }
  }
  const include = patterns.filter((p) => !p.startsWith('!')).map((p) => p.replace(/^\.\//, '').replace(/\/+$/, ''));
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1).replace(/^\.\//, '').replace(/\/+$/, ''));
  if (!include.length) return {};
  const isIncluded = picomatch(include, { dot: false });
  const isExcluded = exclude.length ? picomatch(exclude) : () => false;
  const out: Record<string, string[]> = {};
  for (const file of files) {
    if (!file.endsWith('/package.json')) continue;
    const dir = dirname(file);
    if (!isIncluded(dir) || isExcluded(dir) || NOT_A_SERVICE.test(dir)) continue;
    let name = dir;
    try {
      const json = JSON.parse(read(file) ?? '{}') as { name?: unknown };
      if (typeof json.name === 'string' && /^[^\s()]\S*$/.test(json.name)) name = json.name;
    } catch {
      // Keep the folder name.
    }
    append(out, name, `/${dir}/`);
  }
  return out;
}

function append(lists: Record<string, string[]>, key: string, value: string): void {
  const list = lists[key] ?? [];
  list.push(value);
  lists[key] = list;
}

function codeownersServices(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line || line.startsWith('[') || line.startsWith('^')) continue;
    const pattern = line.split(/\s+/)[0];
    const name = pattern.replace(/^\/+|\/+$/g, '').replace(/\/\*\*?$/, '');
    if (!name || name === '*' || name === '**' || /^\*\.[^/]*$/.test(name) || /^[(]/.test(name)) continue;
    append(out, name, pattern);
  }
  return out;
}

/** Manifests that make their folder a module: Cargo, Go, Python, Maven, Gradle. */
const MODULE_MANIFESTS = new Set(['Cargo.toml', 'go.mod', 'pyproject.toml', 'pom.xml', 'build.gradle', 'build.gradle.kts']);

function moduleRootServices(files: readonly string[]): Record<string, string[]> {
  const roots = new Set<string>();
  for (const file of files) {
    const base = file.slice(file.lastIndexOf('/') + 1);
    if (!MODULE_MANIFESTS.has(base)) continue;
    const dir = dirname(file);
    // The repository root is no service of its own: its folders are placed one by one.
    if (dir && !NOT_A_SERVICE.test(dir)) roots.add(dir);
  }
  const out: Record<string, string[]> = {};
  // Shallow roots first: the last matching rule wins, so a nested module takes its own files.
  for (const dir of [...roots].sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1))) out[dir] = [`/${dir}/`];
  return out;
}

function topLevelServices(files: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const file of files) {
    const slash = file.indexOf('/');
    if (slash > 0) out[file.slice(0, slash)] ??= [`/${file.slice(0, slash)}/`];
  }
  return out;
}

const CODEOWNERS_FILES = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'];

/**
 * Combines the sources, least specific first (the last matching pattern wins): top-level folders,
 * then CODEOWNERS paths, then module roots, then workspaces. Only services that end up owning a
 * file are kept, so each source counts only where it covers the code.
 */
export function combineServices(files: readonly string[], layers: readonly { source: ServiceSource; services: Record<string, string[]> }[]): DetectedServices {
  const combined: Record<string, string[]> = {};
  const sourceOf = new Map<string, ServiceSource>();
  for (const layer of layers) {
    for (const [name, patterns] of Object.entries(layer.services)) {
      // A name already used keeps its earlier patterns and moves after them (more specific).
      const earlier = combined[name] ?? [];
      delete combined[name];
      combined[name] = [...earlier, ...patterns];
      sourceOf.set(name, layer.source);
    }
  }
  const placer = createPlacer(defaultConfig(), combined);
  const owned = new Map<string, number>();
  for (const file of files) {
    const service = placer.service(file);
    owned.set(service, (owned.get(service) ?? 0) + 1);
  }
  const services: Record<string, string[]> = {};
  const perSource = new Map<ServiceSource, { services: number; files: number }>();
  for (const [name, patterns] of Object.entries(combined)) {
    const count = owned.get(name);
    if (!count) continue;
    services[name] = patterns;
    const source = sourceOf.get(name)!;
    const entry = perSource.get(source) ?? { services: 0, files: 0 };
    entry.services++;
    entry.files += count;
    perSource.set(source, entry);
  }
  const total = files.length || 1;
  const sources = [...perSource.entries()]
    .map(([source, { services: count, files: placed }]) => ({ source, services: count, files: placed / total }))
    .sort((a, b) => b.files - a.files);
  return { source: sources[0]?.source ?? 'none', sources, otherFiles: (owned.get(OTHER_SERVICE) ?? 0) / total, services };
}

export function detectServices(repo: Repo, commit: string, configured: Record<string, string[]>, tree?: readonly string[]): DetectedServices {
  if (Object.keys(configured).length)
    return { source: 'config', sources: [{ source: 'config', services: Object.keys(configured).length, files: 1 }], otherFiles: 0, services: configured };
  const files = tree ?? listFiles(repo, commit);
  const present = new Set(files);
  const read = (path: string) => (present.has(path) ? readBlob(repo, `${commit}:${path}`) : undefined);
  const owners = CODEOWNERS_FILES.map(read).find((text) => text !== undefined);
  return combineServices(files, [
    { source: 'top-level folders', services: topLevelServices(files) },
    { source: 'CODEOWNERS', services: owners === undefined ? {} : codeownersServices(owners) },
    { source: 'module roots', services: moduleRootServices(files) },
    { source: 'workspaces', services: workspaceServices(files, read) },
  ]);
}

/**
 * Paths .gitattributes files at `commit` mark linguist-generated or linguist-vendored (the last
 * matching line wins, `-attr` and `attr=false` unset). Nested files apply below their folder.
 */
export function generatedMatcher(repo: Repo, commit: string, files?: readonly string[]): PathMatcher {
  const list = files ?? listFiles(repo, commit);
  const rules: { match: PathMatcher; skip: boolean }[] = [];
  const attributeFiles = list
    .filter((file) => file === '.gitattributes' || file.endsWith('/.gitattributes'))
    .sort((a, b) => a.split('/').length - b.split('/').length);
  for (const file of attributeFiles) {
    const text = readBlob(repo, `${commit}:${file}`) ?? '';
    const dir = dirname(file);
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      const [pattern, ...attrs] = line.split(/\s+/);
      let skip: boolean | undefined;
      for (const attr of attrs) {
        const match = /^([-!]?)linguist-(generated|vendored)(?:=(\S+))?$/.exec(attr);
        if (!match) continue;
        skip = match[1] === '' && (match[3] === undefined || match[3] === 'true');
      }
      if (skip === undefined) continue;
      const scoped = dir ? `${dir}/${pattern.includes('/') ? pattern.replace(/^\//, '') : `**/${pattern}`}` : pattern;
      rules.push({ match: compilePattern(scoped), skip });
    }
  }
  if (!rules.length) return () => false;
  return (path) => {
    for (let i = rules.length - 1; i >= 0; i--) if (rules[i].match(path)) return rules[i].skip;
    return false;
  };
}

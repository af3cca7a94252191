// Which service a path belongs to when the config names none: detected from the repository at
// the end of the range — workspaces, then CODEOWNERS, then module roots (go.mod, Cargo.toml,
// pyproject.toml), else the top-level folders. Also which paths .gitattributes marks
// linguist-generated or linguist-vendored (skipped like `ignore`).

import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import type { Repo } from '../../git/repo.ts';
import { listFiles, readBlob } from '../../git/tree.ts';
import { compilePattern, type PathMatcher } from '../../model/paths.ts';

export type ServiceSource = 'config' | 'workspaces' | 'CODEOWNERS' | 'module roots' | 'top-level folders' | 'none';

export interface DetectedServices {
  source: ServiceSource;
  services: Record<string, string[]>;
}

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

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
    if (!isIncluded(dir) || isExcluded(dir) || dir.includes('node_modules')) continue;
    let name = dir;
    try {
      const json = JSON.parse(read(file) ?? '{}') as { name?: unknown };
      if (typeof json.name === 'string' && /^\S+$/.test(json.name)) name = json.name;
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
    if (!name || name === '*' || name === '**' || /^\*\.[^/]*$/.test(name)) continue;
    append(out, name, pattern);
  }
  return out;
}

function moduleRootServices(files: readonly string[]): Record<string, string[]> {
  const roots = new Set<string>();
  for (const file of files) {
    const base = file.slice(file.lastIndexOf('/') + 1);
    if (base === 'go.mod' || base === 'Cargo.toml' || base === 'pyproject.toml') {
      const dir = dirname(file);
      if (dir && !/(^|\/)(node_modules|vendor|third_party|testdata)(\/|$)/.test(dir)) roots.add(dir);
    }
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

export function detectServices(repo: Repo, commit: string, configured: Record<string, string[]>): DetectedServices {
  if (Object.keys(configured).length) return { source: 'config', services: configured };
  const files = listFiles(repo, commit);
  const present = new Set(files);
  const read = (path: string) => (present.has(path) ? readBlob(repo, `${commit}:${path}`) : undefined);
  const workspaces = workspaceServices(files, read);
  if (Object.keys(workspaces).length) return { source: 'workspaces', services: workspaces };
  for (const path of ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS']) {
    const text = read(path);
    if (text === undefined) continue;
    const owners = codeownersServices(text);
    if (Object.keys(owners).length) return { source: 'CODEOWNERS', services: owners };
  }
  const roots = moduleRootServices(files);
  if (Object.keys(roots).length) return { source: 'module roots', services: roots };
  const top = topLevelServices(files);
  return Object.keys(top).length ? { source: 'top-level folders', services: top } : { source: 'none', services: {} };
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

// Path patterns with CODEOWNERS / gitignore semantics, compiled once onto picomatch:
// a leading "/" anchors at the root, a pattern without any other "/" matches at any depth,
// a trailing "/" matches a directory and everything under it, a pattern naming a directory
// matches everything under it (except a final "/*", which stops at one level), and "*" never
// crosses "/". The last matching rule wins.

import picomatch from 'picomatch';

export type PathMatcher = (path: string) => boolean;

export function toGlobs(pattern: string): string[] {
  let body = pattern.trim();
  let anchored = false;
  if (body.startsWith('/')) {
    anchored = true;
    body = body.replace(/^\/+/, '');
  }
  const directoryOnly = body.endsWith('/');
  body = body.replace(/\/+$/, '');
  if (body === '') return ['**'];
  if (!anchored && !body.includes('/')) body = `**/${body}`;
  if (directoryOnly) return [`${body}/**`];
  // "docs/*" owns the files directly in docs/, not those in its subfolders.
  if (body.endsWith('/*')) return [body];
  return [body, `${body}/**`];
}

export function compilePattern(pattern: string): PathMatcher {
  // Plain regular expressions: picomatch's matcher function does extra work per call (state,
  // formatting) that made zone resolution of 10,000 paths ~5x slower (bench/zones.ts).
  const regexes = toGlobs(pattern).map((glob) => picomatch.makeRe(glob, { dot: true, nonegate: true }));
  return regexes.length === 1 ? (path) => regexes[0].test(path) : (path) => regexes.some((regex) => regex.test(path));
}

export function compilePatterns(patterns: readonly string[]): PathMatcher {
  const matchers = patterns.map(compilePattern);
  return (path) => matchers.some((match) => match(path));
}

export interface PatternRule<T> {
  value: T;
  patterns: readonly string[];
}

export interface RuleMatch<T> {
  value: T;
  /** The pattern that decided. */
  pattern: string;
}

/** Compiles rules so that `match(path)` returns the last rule with a pattern matching the path. */
export function lastMatchingRule<T>(rules: readonly PatternRule<T>[]): (path: string) => RuleMatch<T> | undefined {
  const compiled = rules.map((rule) => ({ value: rule.value, patterns: rule.patterns.map((pattern) => ({ pattern, match: compilePattern(pattern) })) }));
  return (path) => {
    for (let i = compiled.length - 1; i >= 0; i--) {
      const rule = compiled[i];
      for (let j = rule.patterns.length - 1; j >= 0; j--) {
        if (rule.patterns[j].match(path)) return { value: rule.value, pattern: rule.patterns[j].pattern };
      }
    }
    return undefined;
  };
}

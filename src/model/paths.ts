// Path patterns with CODEOWNERS / gitignore semantics, compiled once onto picomatch:
// a leading "/" anchors at the root, a pattern without any other "/" matches at any depth,
// a trailing "/" matches everything under a directory (never a file of that name), a pattern
// naming a directory matches everything under it (except a final "/*", which stops at one
// level), and "*" never crosses "/". The last matching rule wins.
//
// Only git's wildmatch syntax is special: `*`, `?`, `**`, `[…]` and `\` escapes. Every other
// character is itself, even where picomatch would read a brace, an extglob or a regex group, and
// any character of a path (newlines, U+2028, control characters) is matched like any other.

import picomatch from 'picomatch';

export type PathMatcher = (path: string) => boolean;

/** Longest pattern accepted: far above any real path, far below picomatch's 64 KiB input limit. */
export const MAX_PATTERN_LENGTH = 4096;

/**
 * Why a pattern cannot be used, or undefined when it can: blank, surrounded by spaces, too
 * long, a NUL, a negation (CODEOWNERS has none), an unclosed `[`, or a dangling `\`.
 */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'is blank (a blank pattern would match every path); remove it, or write "**" to mean everything';
  if (pattern.length > MAX_PATTERN_LENGTH) return `is ${pattern.length} characters long, over the limit of ${MAX_PATTERN_LENGTH}`;
  if (pattern.trim() !== pattern) return 'starts or ends with white space; remove it (use "?" to match a space at the ends of a name)';
  if (pattern.includes('\0')) return 'contains a NUL character, which no path can contain';
  if (pattern.startsWith('!'))
    return 'starts with "!": negation is not supported (the last matching zone wins; add a later zone instead); write "\\!" for a name starting with "!"';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      if (i === pattern.length - 1) return 'ends with a lone "\\" (escape nothing); remove it or write "\\\\"';
      i++;
    } else if (char === '[') {
      const end = bracketEnd(pattern, i);
      if (end < 0) return `has an unclosed "[" at character ${i + 1}; write "\\[" for a literal bracket`;
      i = end;
    }
  }
  return undefined;
}

/** Index of the "]" closing the bracket expression opened at `start`, or -1 (git's rules). */
function bracketEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++; // a "]" first in the set is a member, not the end
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close < 0) return -1;
      i = close + 1;
    } else if (pattern[i] === ']') return i;
  }
  return -1;
}

/**
 * Runs of "*" as git reads them: a run that is a whole path segment is "**" (crosses "/"), any
 * other run is "*". picomatch reads "***" and "a**" otherwise.
 */
function normaliseStars(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      out += pattern.slice(i, i + 2);
      i++;
    } else if (char === '[') {
      const end = bracketEnd(pattern, i);
      out += pattern.slice(i, end + 1);
      i = end;
    } else if (char === '*') {
      let end = i;
      while (pattern[end + 1] === '*') end++;
      const whole = (i === 0 || pattern[i - 1] === '/') && (end === pattern.length - 1 || pattern[end + 1] === '/');
      out += end > i && whole ? '**' : '*';
      i = end;
    } else out += char;
  }
  return out;
}

/** The globs (git wildmatch syntax) that together mean `pattern` under CODEOWNERS rules. */
export function toGlobs(pattern: string): string[] {
  let body = normaliseStars(pattern);
  let anchored = false;
  if (body.startsWith('/')) {
    anchored = true;
    body = body.replace(/^\/+/, '');
  }
  const directoryOnly = body.endsWith('/');
  // "**/**" means what "**" means; picomatch would let the pair match nothing at all.
  body = body.replace(/\/+$/, '').replace(/(^|\/)\*\*(?:\/\*\*)+(?=\/|$)/g, '$1**');
  if (body === '' || body === '**') return directoryOnly ? ['*/**/*'] : ['**'];
  if (!anchored && !body.includes('/')) body = `**/${body}`;
  // "dir/" and "dir/**" own what is under dir, never a file named dir; "dir/**/" owns what is
  // under the folders inside dir.
  const inside = body.endsWith('/**') ? body.slice(0, -3) : undefined;
  if (directoryOnly) return [inside === undefined ? `${body}/**/*` : `${inside}/*/**/*`];
  if (inside !== undefined) return [`${inside}/**/*`];
  // "docs/*" owns the files directly in docs/, not those in its subfolders.
  if (body.endsWith('/*')) return [body];
  return [body, `${body}/**/*`];
}

/**
 * A wildmatch glob as picomatch must read it to mean the same: characters picomatch would take
 * for braces, extglobs or regex syntax are escaped; `*`, `?`, `/`, `[…]` and `\x` pass through.
 */
function toPicomatchGlob(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '\\') {
      const next = glob[i + 1] ?? '';
      // picomatch misreads "\\\*" (a backslash, then a star) as a backslash and a wildcard: an
      // escaped glob character, or an escaped backslash (before "$" it was lost), is given as a
      // one-character set instead.
      out += /[*?[\]]/.test(next) ? `[${next}]` : next === '\\' ? '[\\\\]' : /[A-Za-z0-9]/.test(next) || !/[!-~]/.test(next) ? next : `\\${next}`;
      i++;
    } else if (char === '[') {
      const end = bracketEnd(glob, i);
      const set = glob.slice(i + 1, end);
      out += `[${set.startsWith('!') ? `^${set.slice(1)}` : set}]`;
      i = end;
    } else if (char === '*' || char === '?' || char === '/' || !/[!-~]/.test(char) || /[A-Za-z0-9]/.test(char)) {
      out += char;
    } else {
      out += `\\${char}`;
    }
  }
  return out;
}

function compileGlob(glob: string): RegExp {
  const regex = picomatch.makeRe(toPicomatchGlob(glob), { dot: true, nonegate: true, noextglob: true, nobrace: true, posix: true });
  // "s": "." must match line separators too, or "**" would miss a name containing "\n" or U+2028.
  return new RegExp(regex.source, `${regex.flags.replace('s', '')}s`);
}

export function compilePattern(pattern: string): PathMatcher {
  const problem = patternProblem(pattern);
  // Config loading refuses these with the file, line and field; a pattern from elsewhere that
  // gets here anyway matches nothing rather than everything.
  if (problem) return () => false;
  // Plain regular expressions: picomatch's matcher function does extra work per call (state,
  // formatting) that made zone resolution of 10,000 paths ~5x slower (bench/zones.ts).
  const regexes = toGlobs(pattern).map(compileGlob);
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

// The syntax of the one-word names that travel in trailers (levels, tools, models), written as
// data so that the TypeScript checks and the shell runner's fast path (hooks/git-provenance.sh,
// generated at build time) accept exactly the same names.

export interface NameSyntax {
  /** Characters allowed first: ranges such as `a-z`, concatenated. */
  first: string;
  /** Characters allowed after the first: ranges, then single characters (`-` last). */
  rest: string;
  maxLength: number;
}

/** `[` `]` `\` `^` need a backslash inside a JavaScript character class; `-` is literal last. */
function classBody(chars: string): string {
  return chars.replace(/[\\\][^]/g, '\\$&');
}

export function nameRegExp(syntax: NameSyntax): RegExp {
  return new RegExp(`^[${classBody(syntax.first)}][${classBody(syntax.rest)}]{0,${syntax.maxLength - 1}}$`);
}

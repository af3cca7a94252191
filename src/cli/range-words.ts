/**
 * The range words a command was given: its `[range..]` positionals, then anything after `--`
 * (yargs leaves those in `_`, after the command's name). Parsed by src/git/revisions.ts.
 */
export function rangeWords(argv: { range?: string[]; _: (string | number)[] }, command: string): string[] {
  const afterSeparator = argv._[0] === command ? argv._.slice(1) : argv._;
  return [...(argv.range ?? []), ...afterSeparator.map(String)];
}

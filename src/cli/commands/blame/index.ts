import { blameFile, describeLineNumbers, type LineProvenance } from '../../../features/blame/index.ts';
import { loadConfig } from '../../../features/config.ts';
import { colors, printJson } from '../../../features/output.ts';
import { openRepo } from '../../../git/repo.ts';
import { shortId } from '../../../model/display.ts';
import { UsageError } from '../../../model/errors.ts';
import { printableContent, printablePath, toSafeLine } from '../../../model/safe-text.ts';
import { defineCommand } from '../../command.ts';

interface BlameArgs {
  file: string;
  rev?: string;
  L?: string[];
  json?: boolean;
  porcelain?: boolean;
  explain?: boolean;
}

const UNCOMMITTED_ID = '0'.repeat(12);

function agentLabel(line: Pick<LineProvenance, 'tool' | 'model'>): string {
  return line.tool ? `${line.tool}${line.model ? `:${line.model}` : ''}` : '';
}

/** `<id> <level> <tool:model> <n>) <text>`, like `git blame`, columns sized to the widest value. */
function printLines(lines: readonly LineProvenance[]): void {
  const levelWidth = Math.max(0, ...lines.map((line) => line.level.length + (line.levelSource === 'line' ? 1 : 0)));
  const agentWidth = Math.max(0, ...lines.map((line) => agentLabel(line).length));
  const numberWidth = String(Math.max(0, ...lines.map((line) => line.line))).length;
  let out = '';
  for (const line of lines) {
    const id = line.commit ? shortId(line.commit) : UNCOMMITTED_ID;
    // A `*` marks a level known for the line itself (line evidence), not only for its commit.
    const level = `${line.level}${line.levelSource === 'line' ? '*' : ''}`.padEnd(levelWidth);
    const agent = agentWidth ? ` ${toSafeLine(agentLabel(line)).padEnd(agentWidth)}` : '';
    out += `${colors.dim(id)} ${level}${agent} ${String(line.line).padStart(numberWidth)}) ${printableContent(line.text)}\n`;
    if (out.length > 64 * 1024) {
      process.stdout.write(out);
      out = '';
    }
  }
  process.stdout.write(out);
}

/**
 * For editors: git's porcelain shape. Each line starts with `<commit> <original line> <line>`;
 * the first line of each commit adds `explanation` (and `summary`-like fields git prints are
 * not repeated); every line has `level`, `level-source`, and `tool`/`model` when known; then
 * the text after a TAB.
 */
function printPorcelain(lines: readonly LineProvenance[]): void {
  const seen = new Set<string>();
  let out = '';
  for (const line of lines) {
    const commit = line.commit ?? '0'.repeat(40);
    out += `${commit} ${line.originalLine} ${line.line}\n`;
    if (!seen.has(commit)) {
      seen.add(commit);
      out += `filename ${JSON.stringify(line.originalPath)}\n`;
      if (line.explanation) out += `explanation ${toSafeLine(line.explanation)}\n`;
    }
    out += `level ${line.level}\nlevel-source ${line.levelSource}\n`;
    if (line.tool) out += `tool ${toSafeLine(line.tool)}\n`;
    if (line.model) out += `model ${toSafeLine(line.model)}\n`;
    out += `\t${line.text}\n`;
    if (out.length > 64 * 1024) {
      process.stdout.write(out);
      out = '';
    }
  }
  process.stdout.write(out);
}

/** One block per commit, in order of first appearance: its lines, level, agent, and explanation once. */
function printExplained(lines: readonly LineProvenance[]): void {
  const groups = new Map<string, LineProvenance[]>();
  for (const line of lines) {
    const key = line.commit ?? '';
    const group = groups.get(key);
    if (group) group.push(line);
    else groups.set(key, [line]);
  }
  for (const [commit, group] of groups) {
    const first = group[0];
    const head = commit ? shortId(commit) : `${UNCOMMITTED_ID} (not committed yet)`;
    const levels = [...new Set(group.map((line) => `${line.level}${line.levelSource === 'line' ? '*' : ''}`))].join(', ');
    const agents = [...new Set(group.map(agentLabel).filter(Boolean))].map(toSafeLine).join(', ');
    process.stdout.write(`${colors.bold(head)}  ${levels}${agents ? `  ${agents}` : ''}  lines ${describeLineNumbers(group.map((line) => line.line))}\n`);
    const agentLines = group.filter((line) => line.levelSource === 'line' && line.tool).map((line) => line.line);
    if (agentLines.length && agentLines.length < group.length) process.stdout.write(`    agent's lines: ${describeLineNumbers(agentLines)}\n`);
    process.stdout.write(`    ${first.explanation ? toSafeLine(first.explanation) : colors.dim('(no explanation)')}\n`);
  }
}

export const blameCommand = defineCommand<BlameArgs>({
  command: 'blame <file> [rev]',
  describe: "each line's commit with its AI-assistance level, tool, model and explanation (git blame + provenance)",
  builder: (yargs) =>
    yargs
      .positional('file', { type: 'string', describe: 'the file to blame' })
      .positional('rev', { type: 'string', describe: 'blame the file as of this revision (default: the work tree)' })
      .option('L', { type: 'string', array: true, describe: 'only these lines, as git blame takes them (`-L 10,20`, `-L /re/,+5`); repeatable' })
      .option('json', { type: 'boolean', describe: 'print JSON: {file, rev, lines: [{line, commit, level, levelSource, tool, model, explanation, text}]}' })
      .option('porcelain', { type: 'boolean', describe: "for editors: git's porcelain shape plus level, level-source, tool, model, explanation" })
      .option('explain', { type: 'boolean', describe: 'group the lines by commit and print each explanation once' })
      .conflicts('json', ['porcelain', 'explain'])
      .conflicts('porcelain', 'explain')
      .example('$0 blame src/retry.ts -L 10,40', 'who wrote these lines, with which tool, and why')
      .example('$0 blame src/retry.ts --explain', 'one explanation per commit'),
  handler: async (argv) => {
    if (!argv.file) throw new UsageError('blame needs a file', 'git-provenance blame <file> [<rev>]');
    const repo = openRepo();
    const { config } = await loadConfig(repo);
    const { lines } = await blameFile(repo, config, { path: argv.file, rev: argv.rev, ranges: argv.L });
    if (argv.json) {
      printJson({
        file: argv.file,
        rev: argv.rev ?? null,
        lines: lines.map((line) => ({
          line: line.line,
          commit: line.commit,
          originalLine: line.originalLine,
          originalPath: line.originalPath,
          level: line.level,
          levelSource: line.levelSource,
          tool: line.tool ?? null,
          model: line.model ?? null,
          explanation: line.explanation ?? null,
          text: line.text,
        })),
      });
    } else if (argv.porcelain) {
      printPorcelain(lines);
    } else if (argv.explain) {
      printExplained(lines);
    } else {
      if (!lines.length) process.stdout.write(`${printablePath(argv.file)}: no lines\n`);
      printLines(lines);
    }
  },
});

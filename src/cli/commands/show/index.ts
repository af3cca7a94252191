import { loadConfig } from '../../../features/config.ts';
import { readRecordWithLines } from '../../../features/records/index.ts';
import { lineCount, type LineAttribution } from '../../../model/line-attribution.ts';
import { openRepo } from '../../../git/repo.ts';
import { formatRanges } from '../../../model/line-ranges.ts';
import { MAX_COUNTED_FILES, fileJson, linesCounted } from '../../../model/note.ts';
import type { ProvenanceRecord } from '../../../model/record.ts';
import { escapeControls, printablePath } from '../../../model/safe-text.ts';
import { defineCommand } from '../../command.ts';
import { colors, printJson, warn } from '../../../features/output.ts';
import { shortId } from '../../../model/display.ts';

interface ShowArgs {
  rev: string;
  json?: boolean;
}

function printRecord(record: ProvenanceRecord): void {
  // Every value came from the repository (trailers, notes, names): escaped before colouring.
  const line = (label: string, value: string | undefined, paint: (text: string) => string = (text) => text) => {
    if (value) process.stdout.write(`${colors.dim(label.padEnd(12))}${paint(escapeControls(value))}\n`);
  };
  line('commit', record.commit);
  line('level', record.level === 'unknown' ? 'unknown (no record)' : record.level, record.level === 'unknown' ? colors.yellow : colors.bold);
  line('source', record.source);
  line('explanation', record.explanation);
  line('tool', record.tool);
  line('model', record.model);
  line('evidence', record.evidence);
  for (const review of record.reviews) {
    // "signed" says a signature is attached, not that it holds: `check` verifies it.
    line('reviewed by', `${review.name ? `${review.name} <${review.by}>` : review.by}${review.signature ? ' (signed)' : ''}`);
  }
  // Lines with their own colours: each part that came from the repository is escaped on its own.
  const raw = (label: string, value: string) => process.stdout.write(`${colors.dim(label.padEnd(12))}${value}\n`);
  for (const file of record.files) {
    const where = escapeControls(`${file.service}${file.zone ? ` / ${file.zone}` : ''}`);
    const agentLines = file.aiLines ? `  agent lines: ${formatRanges(file.aiLines) || 'none'}` : '';
    const counts = file.added !== undefined ? `  +${file.added} -${file.deleted ?? 0}` : '';
    raw('file', `${printablePath(file.path)}  ${colors.dim(where)}${counts}${agentLines}`);
  }
  if (!linesCounted(record.files)) {
    raw(
      'line counts',
      `not recorded ${colors.dim(`(the hooks leave them out above ${MAX_COUNTED_FILES} changed files; \`git show --numstat ${shortId(record.commit)}\` counts them)`)}`,
    );
  }
  if (record.lines) {
    const { added, ai, human, unknown, source } = record.lines;
    raw('lines', `${ai} AI, ${human} human, ${unknown} unknown of ${added} added ${colors.dim(`(${source === 'git-ai' ? 'git-ai note' : 'note'})`)}`);
    for (const file of record.lines.files) {
      if (lineCount(file.ai))
        raw('ai lines', `${printablePath(file.path)}:${file.ai.map(([start, end]) => (start === end ? `${start}` : `${start}-${end}`)).join(',')}`);
    }
  }
  for (const disagreement of record.disagreements) {
    const said = disagreement.trailer !== undefined ? `trailer says "${disagreement.trailer}"` : `note says "${disagreement.note}"`;
    const text =
      disagreement.evidence !== undefined
        ? `${disagreement.field}: ${said}, the evidence shows "${disagreement.evidence}" (the evidence wins)`
        : `${disagreement.field}: trailer says "${disagreement.trailer}", note says "${disagreement.note}" (the trailer wins)`;
    process.stdout.write(`${colors.red('disagrees')}   ${escapeControls(text)}\n`);
  }
}

/** `lines` of `show --json` (docs/FORMAT.md §6): counts, and the AI ranges per file. */
function linesJson(lines: LineAttribution) {
  return {
    source: lines.source,
    added: lines.added,
    ai: lines.ai,
    human: lines.human,
    unknown: lines.unknown,
    files: lines.files.map((file) => ({
      path: file.path,
      added: file.added,
      ai: lineCount(file.ai),
      human: lineCount(file.human),
      unknown: lineCount(file.unknown),
      aiRanges: file.ai,
    })),
  };
}

export const showCommand = defineCommand<ShowArgs>({
  command: 'show [rev]',
  describe: "print a commit's provenance: trailers, note and inference merged",
  builder: (yargs) =>
    yargs
      .positional('rev', { type: 'string', default: 'HEAD', describe: 'the commit to show' })
      .option('json', { type: 'boolean', describe: 'print JSON: {commit, level, explanation, tool, model, source, …}' }),
  handler: async (argv) => {
    const repo = openRepo();
    const { config } = await loadConfig(repo);
    const record = await readRecordWithLines(repo, config, argv.rev);
    for (const warning of record.warnings) warn(`${shortId(record.commit)}: ${warning}`);
    if (argv.json) {
      printJson({
        commit: record.commit,
        level: record.level,
        explanation: record.explanation ?? null,
        tool: record.tool ?? null,
        model: record.model ?? null,
        source: record.source,
        evidence: record.evidence ?? null,
        reviews: record.reviews,
        files: record.files.map(fileJson),
        disagreements: record.disagreements,
        lines: record.lines ? linesJson(record.lines) : null,
        warnings: record.warnings,
      });
    } else {
      printRecord(record);
    }
  },
});

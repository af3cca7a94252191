// The tables the shell runner (hooks/git-provenance.sh) needs for its fast path, rendered as
// shell from the TypeScript tables they come from. scripts/build.mjs writes them into the
// runner between the two marker lines; test/capture/runner-tables.test.ts checks the committed
// runner is current and that its checks accept what the TypeScript checks accept.

import { LEVEL_SYNTAX } from '../../model/levels.ts';
import { NOTES_REF, NOTES_WRITE_PREFIX } from '../../git/notes.ts';
import { ANSWERS_PREFIX } from '../../git/runner-answers.ts';
import type { NameSyntax } from '../../model/name-syntax.ts';
import { MAX_COUNTED_FILES } from '../../model/note.ts';
import { IMPORTED_NOTE_MARK, PENDING_NOTE_FILE, PROMPT_ANSWER_FILE } from '../../model/pending-note.ts';
import { AIDER_NAME_SUFFIX, AIDER_SUBJECT_PREFIX, CLAUDE_CODE_FOOTER, CONVENTION_TRAILER_KEYS, CONVENTION_TRAILER_PREFIXES } from '../../model/inference.ts';
import { MAX_EXPLANATION_LENGTH, MODEL_SYNTAX, TOOL_SYNTAX, TRAILER } from '../../model/trailers.ts';
import { AGENT_OFF_VALUES, AGENT_VARIABLES } from '../capture/agents.ts';
import { REBASE_AMENDS_FILE } from '../capture/rewrite.ts';

export const TABLES_BEGIN = '# >>> tables generated from the TypeScript sources by scripts/build.mjs (src/features/install/runner-tables.ts); do not edit';
export const TABLES_END = '# <<< end of generated tables';

function shQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A shell bracket expression (negated) for the characters of a syntax string: `]` first, `-` last. */
function shNegatedClass(chars: string): string {
  const ranges: string[] = [];
  const singles: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      ranges.push(chars.slice(i, i + 3));
      i += 2;
    } else {
      singles.push(chars[i]);
    }
  }
  const plain = singles.filter((char) => /[A-Za-z0-9._+@/:]/.test(char));
  const special = singles.filter((char) => !/[A-Za-z0-9._+@/:\]-]/.test(char));
  const body = `${singles.includes(']') ? ']' : ''}${ranges.join('')}${plain.join('')}${special.length ? shQuote(special.join('')) : ''}${singles.includes('-') ? '-' : ''}`;
  return `[!${body}]`;
}

function nameCheck(name: string, syntax: NameSyntax): string {
  return `${name}() { case $1 in '' | ${shNegatedClass(syntax.first)}* | *${shNegatedClass(syntax.rest)}*) return 1 ;; esac; [ \${#1} -le ${syntax.maxLength} ]; }`;
}

function anyCase(text: string): string {
  if (text === '') return "''";
  return [...text].map((char) => (/[a-z]/i.test(char) ? `[${char.toUpperCase()}${char.toLowerCase()}]` : char)).join('');
}

/** A shell case pattern matching `text` in any letter case (every other character literal). */
function anyCaseGlob(text: string): string {
  return [...text]
    .map((char) => (/[a-z]/i.test(char) ? `[${char.toUpperCase()}${char.toLowerCase()}]` : /[\s[\]*?\\()|;&<>'"$`]/.test(char) ? `\\${char}` : char))
    .join('');
}

export function runnerTables(): string {
  for (const { variable } of AGENT_VARIABLES) if (!/^[A-Z_][A-Z0-9_]*$/.test(variable)) throw new Error(`agent variable ${variable} is not a shell name`);
  // A line starting with any convention key (or prefix) goes to node whatever follows: broader
  // than inference on purpose, never narrower.
  const conventions = [
    ...[...CONVENTION_TRAILER_KEYS, ...CONVENTION_TRAILER_PREFIXES, AIDER_SUBJECT_PREFIX].map((key) => `${anyCaseGlob(key)}*`),
    `*${anyCaseGlob(CLAUDE_CODE_FOOTER)}*`,
  ];
  const lines = [
    TABLES_BEGIN,
    `notes_ref=${shQuote(NOTES_REF)}`,
    `notes_write_prefix=${shQuote(NOTES_WRITE_PREFIX)}`,
    `pending_note_file=${shQuote(PENDING_NOTE_FILE)}`,
    `imported_note_mark=${shQuote(IMPORTED_NOTE_MARK)}`,
    `prompt_answer_file=${shQuote(PROMPT_ANSWER_FILE)}`,
    `rebase_amends_file=${shQuote(REBASE_AMENDS_FILE)}`,
    `answers_prefix=${shQuote(ANSWERS_PREFIX)}`,
    `level_trailer=${shQuote(TRAILER.level)}`,
    `explanation_trailer=${shQuote(TRAILER.explanation)}`,
    `tool_trailer=${shQuote(TRAILER.assistedBy)}`,
    `max_explanation=${MAX_EXPLANATION_LENGTH}`,
    `max_counted_files=${MAX_COUNTED_FILES}`,
    `level_key_glob=${shQuote(anyCaseGlob(TRAILER.level))}`,
    "# True when a message line may name an agent by another tool's trailer or marker.",
    `line_names_agent() { case $1 in ${conventions.join(' | ')}) return 0 ;; esac; return 1; }`,
    nameCheck('is_level_name', LEVEL_SYNTAX),
    nameCheck('is_tool_name', TOOL_SYNTAX),
    nameCheck('is_model_name', MODEL_SYNTAX),
    '# True when a coding agent\'s variable is set (and not to an "off" value).',
    `agent_in_environment() { for agent_value in ${AGENT_VARIABLES.map(({ variable }) => `"\${${variable}-}"`).join(' ')}; do case $agent_value in ${AGENT_OFF_VALUES.map(anyCase).join(' | ')}) ;; *) return 0 ;; esac; done; return 1; }`,
    `agent_author_name() { case $1 in *[[:space:]]${shQuote(AIDER_NAME_SUFFIX)}) return 0 ;; esac; return 1; }`,
    TABLES_END,
  ];
  return `${lines.join('\n')}\n`;
}

/** The runner text with its generated block replaced by the current tables. */
export function withCurrentTables(runner: string): string {
  const begin = runner.indexOf(TABLES_BEGIN);
  const end = runner.indexOf(TABLES_END);
  if (begin < 0 || end < begin) throw new Error('the runner has no generated-tables block');
  return `${runner.slice(0, begin)}${runnerTables()}${runner.slice(runner.indexOf('\n', end) + 1)}`;
}

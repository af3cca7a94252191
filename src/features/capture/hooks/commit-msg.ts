// commit-msg: the final message. Capture checks its record (and moves trailers another hook
// stranded back into place), then the zone gate judges the index being committed at that level;
// meanwhile git counts the staged lines for the note that post-commit attaches (unless the
// commit changes more files than MAX_COUNTED_FILES).

import { readFileSync, writeFileSync } from 'node:fs';
import type { Config } from '../../../model/config.ts';
import { inferAssistance } from '../../../model/inference.ts';
import { highestLevel } from '../../../model/levels.ts';
import { countsLinesOf, createNote } from '../../../model/note.ts';
import { PENDING_NOTE_FILE, PROMPT_ANSWER_FILE, encodePendingNote } from '../../../model/pending-note.ts';
import { createPlacer } from '../../../model/placement.ts';
import { TRAILER, encodeTrailers, normalizeDeclared, strandedTrailers, type DeclaredFields } from '../../../model/trailers.ts';
import { writeMessageTrailers } from '../../../git/message.ts';
import { gitDirHas, inGitDir, removeFile, type Repo } from '../../../git/repo.ts';
import { NOTES_REF } from '../../../git/notes.ts';
import { askCommitQuestionsAhead, dropStagedChangesAhead, noteImportAhead, stagedChanges, stagedPaths, stagedTree } from '../../../git/staged.ts';
import type { HookContext } from '../../hook-context.ts';
import { fileEntries } from '../../records/index.ts';
import { commitGate } from '../../zones/gates.ts';
import { evidenceForCommit, raiseToEvidence } from '../../checkpoint/commit.ts';
import { withLineEvidence, type LineEvidence } from '../../checkpoint/evidence.ts';
import { agentFromEnvironment } from '../agents.ts';
import { allowsEmptyMessage, runningUnderAmend } from '../amend.ts';
import { ENV } from '../decide.ts';
import { checkMessage, isEmptyButOurTrailers } from '../validate.ts';
import { isDisabled, say } from './common.ts';
import { commitIdentity, messagePath, readCommitMessage, type CommitMessage } from './message.ts';

/** A note being prepared while the zone gate runs: written when the commit goes ahead, else dropped. */
interface NotePreparation {
  finish(commitGoesAhead: boolean): Promise<void>;
}

export async function commitMsg(context: HookContext): Promise<number> {
  const [file] = context.args;
  if (!file) return 0;
  const repo = context.repo;
  let message: CommitMessage | undefined;
  let preparation: NotePreparation | undefined;
  if (!isDisabled(context)) {
    removeFile(inGitDir(repo, PENDING_NOTE_FILE));
    // Merge commits are not asked about (their changes were recorded on their own commits).
    if (gitDirHas(repo, 'MERGE_HEAD')) return 0;
    const questions = askCommitQuestionsAhead(repo, messagePath(repo, file), readFileSync(messagePath(repo, file), 'utf8'), context.env);
    const config = await context.config();
    await questions;
    const evidence = await evidenceForCommit(repo, config, runningUnderAmend());
    const captured = captureMessage(context, config, file, evidence);
    if (captured.status !== 0) {
      await dropStagedChangesAhead(repo);
      return captured.status;
    }
    message = captured.message;
    preparation = captured.preparation;
  }
  try {
    const gate = await commitGate(repo, await context.config(), context.env, message ?? readCommitMessage(repo, file));
    // git counted the note's lines in the background while the gate ran.
    await preparation?.finish(gate === 0);
    return gate;
  } finally {
    await dropStagedChangesAhead(repo);
  }
}

/** Checks the record in the final message; on success starts preparing the commit's note. */
function captureMessage(
  context: HookContext,
  config: Config,
  file: string,
  evidence: LineEvidence | undefined,
): { status: number; message: CommitMessage; preparation?: NotePreparation } {
  const repo = context.repo;
  let message = readCommitMessage(repo, file);
  // Another commit-msg hook (run first) may have appended a paragraph after our trailers, which
  // turns them into body text: move them back into the final trailer block.
  if (!message.decoded.levels.length) {
    const stranded = strandedTrailers(message.text);
    if (stranded.trailers.some((trailer) => trailer.key === TRAILER.level)) {
      writeFileSync(message.path, stranded.rest);
      writeMessageTrailers(repo, message.path, stranded.trailers);
      message = readCommitMessage(repo, file);
    }
  }
  // The answer typed at the prompt, when the editor dropped its trailer lines: put back.
  const answerFile = inGitDir(repo, PROMPT_ANSWER_FILE);
  const answer = readPromptAnswer(answerFile);
  removeFile(answerFile);
  if (answer && !message.decoded.levels.length) {
    writeMessageTrailers(repo, message.path, encodeTrailers(answer));
    message = readCommitMessage(repo, file);
    say(`the ${TRAILER.level} trailers you answered at the prompt were missing from the message (the editor dropped them): added back`);
  }
  if (isEmptyButOurTrailers(message.text) && !allowsEmptyMessage()) {
    say('Aborting commit due to empty commit message (only the AI-Assistance trailers were left).');
    return { status: 1, message };
  }
  // Agents' hooks saw who wrote the added lines: the level is at least what that evidence says.
  const raised = evidence ? raiseToEvidence(repo, config, message, evidence) : undefined;
  if (raised) message = readCommitMessage(repo, file);
  // The explanation the environment gave, if the message carries it as given: problems name the variable.
  const fromEnvironment = explanationFromEnvironment(context.env[ENV.explanation], message.decoded.explanation);
  let check = checkMessage(config, message.decoded, { explanationFromEnvironment: fromEnvironment, ...(raised ? { agent: raised } : {}) });
  // An agent's commit may lack an explanation (a warning, not a refusal); recognising the agent
  // costs two git calls, so it is done only when the explanation is what is missing.
  if (check.problems.length && !context.env[ENV.explanation]) {
    const agent = agentFromEnvironment(context.env)?.evidence ?? inferAssistance(commitIdentity(repo, message))?.evidence;
    if (agent) check = checkMessage(config, message.decoded, { agent, explanationFromEnvironment: fromEnvironment });
  }
  for (const warning of check.warnings) say(`warning: ${warning}`);
  if (!check.problems.length) return { status: 0, message, preparation: prepareNote(repo, config, message, evidence) };
  for (const problem of check.problems) {
    say(`commit refused: ${problem.message}`);
    say(`  fix: ${problem.fix}`);
  }
  say(`  your message is kept in ${file}; \`git commit -e -F ${file}\` starts from it again`);
  return { status: 1, message };
}

function explanationFromEnvironment(variable: string | undefined, explanation: string | undefined): boolean {
  if (!variable?.trim() || explanation === undefined) return false;
  try {
    return normalizeDeclared({ explanation: variable }).explanation === explanation;
  } catch {
    return false;
  }
}

function readPromptAnswer(file: string): DeclaredFields | undefined {
  try {
    const fields = JSON.parse(readFileSync(file, 'utf8')) as DeclaredFields;
    return typeof fields.level === 'string' ? normalizeDeclared(fields) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts building the note now, while node is running anyway, so that post-commit only has to
 * attach it (hooks/git-provenance.sh) instead of starting node once more. Amends keep going
 * through post-commit's own path, which carries the old note's reviews over.
 */
function prepareNote(repo: Repo, config: Config, message: CommitMessage, evidence: LineEvidence | undefined): NotePreparation | undefined {
  const pending = inGitDir(repo, PENDING_NOTE_FILE);
  try {
    if (runningUnderAmend()) return undefined;
    const decoded = message.decoded;
    const level = highestLevel(config.levels, decoded.levels);
    const fields = level
      ? normalizeDeclared({ level, explanation: decoded.explanation, tool: decoded.tool, model: decoded.tool ? decoded.model : undefined })
      : undefined;
    // A commit of many files goes without line counts (docs/FORMAT.md, `lineCounts`): git's
    // count would cost more than the rest of the commit.
    const paths = level ? stagedPaths(repo) : [];
    const staged = level && countsLinesOf(paths.length) ? stagedChanges(repo) : undefined;
    return {
      async finish(commitGoesAhead) {
        if (!commitGoesAhead) {
          staged?.cancel();
          return;
        }
        try {
          // Taken last: on a large index git is still writing the tree while the gate runs.
          const tree = await stagedTree(repo);
          if (!level) {
            writeFileSync(pending, encodePendingNote({ tree }));
            return;
          }
          const note = createNote({
            level,
            explanation: fields?.explanation,
            tool: fields?.tool,
            model: fields?.model,
            recordedBy: 'hook',
            recordedAt: new Date().toISOString(),
            files: fileEntries(staged ? await staged.changes() : paths, createPlacer(config)),
          });
          if (evidence) note.files = withLineEvidence(note.files, evidence);
          writeFileSync(pending, encodePendingNote({ tree, note }, await noteImportAhead(repo, NOTES_REF)));
          evidence?.consume();
        } catch {
          // post-commit falls back to computing the note itself.
          removeFile(pending);
        }
      },
    };
  } catch {
    removeFile(pending);
    return undefined;
  }
}

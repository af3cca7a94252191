// Commit-time capture: one handler per git hook, each returning the hook's exit code. The shim
// (hooks/git-provenance.sh) already skipped the cases with nothing to do; these handlers check
// again, because a shim can be older than the binary or bypassed.

import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { HookContext } from '../../hooks/context.ts';
import type { Config } from '../../model/config.ts';
import { PROGRAM } from '../../model/display.ts';
import { ProvenanceError } from '../../model/errors.ts';
import { UNKNOWN, highestLevel } from '../../model/levels.ts';
import { inferAssistance, type CommitIdentity } from '../../model/inference.ts';
import { MAX_EXPLANATION_LENGTH, TRAILER, decodeTrailers, encodeTrailers, explanationsInBody, levelsInBody, normalizeDeclared, strandedTrailers, type DeclaredFields, type Trailer } from '../../model/trailers.ts';
import { NOTE_SCHEMA, combineNotes, formatNote, parseNote, type ProvenanceNote } from '../../model/note.ts';
import { createPlacer } from '../../model/placement.ts';
import { commitChanges, readCommit } from '../../git/commits.ts';
import { commitIdents } from '../../git/config.ts';
import { messageTrailers, writeMessageTrailers } from '../../git/message.ts';
import { noteBlobs, readNote, removeNote, writeNote, NOTES_REF } from '../../git/notes.ts';
import { gitDirHas, inGitDir, type Repo } from '../../git/repo.ts';
import { resolveCommit } from '../../git/revisions.ts';
import { stagedChanges, writeTree } from '../../git/staged.ts';
import { readBlobText } from '../../git/tree.ts';
import { loadConfig } from '../config.ts';
import { fileEntries, readRecord, recordCommit } from '../records/index.ts';
import { agentFromEnvironment } from './agents.ts';
import { allowsEmptyMessage, runningUnderAmend } from './amend.ts';
import { ENV, decideCapture } from './decide.ts';
import { syncNotes } from './notes-sync.ts';
import { currentSquashChain, parseRewrites } from './rewrite.ts';
import { checkMessage, isEmptyButOurTrailers } from './validate.ts';

/** A notes push inside the user's `git push` gets this long before we give up and warn. */
const PUSH_TIMEOUT_MS = 60_000;

function say(line: string): void {
  process.stderr.write(`${PROGRAM}: ${line}\n`);
}

function disabled(context: HookContext): boolean {
  return context.env.GIT_PROVENANCE === '0';
}

interface Replay {
  rebase: 'merge' | 'apply' | undefined;
  cherryPick: boolean;
  revert: boolean;
  /** `rebase -i` is folding fixup/squash commits into one. */
  folding: boolean;
}

function replayState(repo: Repo): Replay {
  const rebase = gitDirHas(repo, 'rebase-merge') ? 'merge' : gitDirHas(repo, 'rebase-apply') ? 'apply' : undefined;
  let folding = false;
  if (rebase === 'merge') {
    try {
      folding = readFileSync(inGitDir(repo, 'rebase-merge/current-fixups'), 'utf8').trim() !== '';
    } catch {
      folding = false;
    }
  }
  return { rebase, cherryPick: gitDirHas(repo, 'CHERRY_PICK_HEAD'), revert: gitDirHas(repo, 'REVERT_HEAD'), folding };
}

function messagePath(context: HookContext, file: string): string {
  return isAbsolute(file) ? file : join(context.repo.cwd, file);
}

function fieldsOf(record: { level: string; explanation?: string; tool?: string; model?: string }): DeclaredFields {
  const fields: DeclaredFields = { level: record.level };
  if (record.explanation) fields.explanation = record.explanation;
  if (record.tool) {
    fields.tool = record.tool;
    if (record.model) fields.model = record.model;
  }
  return fields;
}

/** Trailers for fields that came from a record (which may hold values typed by hand long ago). */
function safeTrailers(fields: DeclaredFields) {
  try {
    return encodeTrailers(fields);
  } catch {
    return encodeTrailers({ level: fields.level, explanation: fields.explanation });
  }
}

// --- prepare-commit-msg --------------------------------------------------------------------------

export async function prepareCommitMsg(context: HookContext): Promise<number> {
  const [file, source, sourceCommit] = context.args;
  if (!file || source === 'merge' || disabled(context)) return 0;
  const repo = context.repo;
  const path = messagePath(context, file);
  const replay = replayState(repo);
  if (replay.rebase === 'apply') return 0;
  if (replay.rebase === 'merge' && replay.folding && !replay.cherryPick) return foldSquashChain(repo, path);
  if (replay.cherryPick || replay.revert) return 0;
  const message = readFileSync(path, 'utf8');
  if (/^This reverts commit [0-9a-f]{7,}/m.test(message)) return 0;
  const trailers = messageTrailers(repo, path);
  const explicit = Boolean(context.env[ENV.level]?.trim());
  // A message reused from a commit (--amend --no-edit, -c, -C) carries that commit's record; a
  // level set in the environment replaces it, as it does for `--amend -m`.
  const reused = decodeTrailers(trailers);
  const replacing = explicit && source === 'commit' && reused.levels.length > 0;
  if (reused.levels.length && !replacing) return 0;

  const { config } = await loadConfig(repo);
  // `git merge --squash`: the squashed commits' records are in the body, indented. The commit
  // takes the highest of their levels and all their explanations, as a squash in `rebase -i` does.
  if (source === 'squash' && !explicit) {
    const level = highestLevel(config.levels, levelsInBody(message));
    if (level) {
      // SQUASH_MSG lists the commits newest first; explanations read oldest first.
      const explanation = explanationsInBody(message).reverse().join(' / ').slice(0, MAX_EXPLANATION_LENGTH);
      writeMessageTrailers(repo, path, safeTrailers(explanation ? { level, explanation } : { level }));
      return 0;
    }
  }
  // An amend keeps the record of the commit it replaces, whatever the new message says.
  // Values set explicitly in the environment win, as they do in the shim's fast path.
  const amended = explicit ? undefined : source === 'commit' && sourceCommit ? sourceCommit : source !== 'squash' && runningUnderAmend() ? 'HEAD' : undefined;
  if (amended) {
    const previous = readRecordOrUndefined(repo, config, amended);
    if (previous && (previous.source === 'declared' || previous.source === 'noted')) {
      writeMessageTrailers(repo, path, safeTrailers(fieldsOf(previous)));
      return 0;
    }
  }

  const identity = commitIdentity(repo, message, trailers);
  const { openTerminal } = await import('./prompt.ts');
  const terminal = openTerminal(context.env);
  try {
    const decision = decideCapture(config, context.env, identity, { canPrompt: terminal !== undefined });
    let fields: DeclaredFields | undefined;
    if (decision.kind === 'record') {
      fields = decision.fields;
      // Replacing a reused record: what the environment does not say is kept from the message.
      if (replacing) {
        const tool = fields.tool ?? reused.tool;
        fields = fieldsOf({ level: decision.fields.level, explanation: fields.explanation ?? reused.explanation, tool, model: fields.tool ? fields.model : reused.model });
      }
      if (decision.origin === 'agent') say(`recorded as ${decision.fields.level} by ${decision.fields.tool} (${decision.evidence})`);
    } else if (decision.kind === 'prompt' && terminal) {
      const { promptForRecord } = await import('./prompt.ts');
      try {
        fields = await promptForRecord(config, terminal, decision.defaults);
      } catch (error) {
        const name = (error as Error).name;
        if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'AbortError') {
          say('commit aborted at the prompt (nothing was committed)');
          return 1;
        }
        throw error;
      }
    } else {
      if (config.unknown === 'refuse') {
        say(`commit refused: no AI-assistance level and no terminal to ask on (.provenance.yml says unknown: refuse)`);
        say(`  fix: ${ENV.level}=<${config.levels.join('|')}> ${ENV.explanation}="…" git commit …`);
        return 1;
      }
      say(`commit not recorded (no terminal, no ${ENV.level}); record it later with \`${PROGRAM} record --level <level>\``);
      return 0;
    }
    writeMessageTrailers(repo, path, replacing ? safeTrailers(fields) : encodeTrailers(fields));
    return 0;
  } finally {
    terminal?.close();
  }
}

function readRecordOrUndefined(repo: Repo, config: Config, rev: string) {
  try {
    return readRecord(repo, config, rev);
  } catch {
    return undefined;
  }
}

/** `rebase -i` fixup/squash: the combined commit's trailers take the highest level of the chain. */
async function foldSquashChain(repo: Repo, path: string): Promise<number> {
  let done: string;
  try {
    done = readFileSync(inGitDir(repo, 'rebase-merge/done'), 'utf8');
  } catch {
    return 0;
  }
  const chain = currentSquashChain(done);
  if (chain.length < 2) return 0;
  const { config } = await loadConfig(repo);
  const records = chain.map((commit) => readRecordOrUndefined(repo, config, commit)).filter((record) => record !== undefined);
  const level = highestLevel(config.levels, records.map((record) => record.level));
  if (!level) return 0;
  const explanations = [...new Set(records.map((record) => record.explanation).filter((text): text is string => Boolean(text)))];
  const withTool = [...records].reverse().find((record) => record.level === level && record.tool) ?? [...records].reverse().find((record) => record.tool);
  const fields: DeclaredFields = { level };
  if (explanations.length) fields.explanation = explanations.join(' / ').slice(0, MAX_EXPLANATION_LENGTH);
  if (withTool?.tool) {
    fields.tool = withTool.tool;
    if (withTool.model) fields.model = withTool.model;
  }
  writeMessageTrailers(repo, path, safeTrailers(fields));
  return 0;
}

// --- commit-msg ----------------------------------------------------------------------------------

/** The commit being made, as inference sees it: who authors and commits it, and its message. */
function commitIdentity(repo: Repo, message: string, trailers: readonly Trailer[]): CommitIdentity {
  const idents = commitIdents(repo);
  return {
    authorName: idents.author.name,
    authorEmail: idents.author.email,
    committerName: idents.committer.name,
    committerEmail: idents.committer.email,
    message,
    trailers,
  };
}

function agentFromIdentities(repo: Repo, message: string, trailers: readonly Trailer[]): string | undefined {
  return inferAssistance(commitIdentity(repo, message, trailers))?.evidence;
}

/** The note commit-msg prepares for post-commit: first line the tree it is for, then the note. */
const PENDING_NOTE = 'provenance-pending-note';
/** Commits amended while a rebase was stopped (`edit`), as `old new` lines of post-rewrite. */
const REBASE_AMENDS = 'provenance-rebase-amends';

export async function commitMsg(context: HookContext): Promise<number> {
  const [file] = context.args;
  if (!file || disabled(context)) return 0;
  const repo = context.repo;
  const pending = inGitDir(repo, PENDING_NOTE);
  rmSync(pending, { force: true });
  // Merge commits are not asked about (their changes were recorded on their own commits).
  if (gitDirHas(repo, 'MERGE_HEAD')) return 0;
  const path = messagePath(context, file);
  const { config } = await loadConfig(repo);
  let trailers = messageTrailers(repo, path);
  let message = readFileSync(path, 'utf8');
  // Another commit-msg hook (run first) may have appended a paragraph after our trailers, which
  // turns them into body text: move them back into the final trailer block.
  if (!decodeTrailers(trailers).levels.length) {
    const stranded = strandedTrailers(message);
    if (stranded.trailers.some((trailer) => trailer.key === TRAILER.level)) {
      writeFileSync(path, stranded.rest);
      writeMessageTrailers(repo, path, stranded.trailers);
      trailers = messageTrailers(repo, path);
      message = readFileSync(path, 'utf8');
    }
  }
  if (isEmptyButOurTrailers(message) && !allowsEmptyMessage()) {
    say('Aborting commit due to empty commit message (only the AI-Assistance trailers were left).');
    return 1;
  }
  let check = checkMessage(config, trailers);
  // An agent's commit may lack an explanation (a warning, not a refusal); recognising the agent
  // costs two git calls, so it is done only when the explanation is what is missing.
  if (check.problems.length && !context.env[ENV.explanation]) {
    const agent = agentFromEnvironment(context.env)?.evidence ?? agentFromIdentities(repo, message, trailers);
    if (agent) check = checkMessage(config, trailers, { agent });
  }
  for (const warning of check.warnings) say(`warning: ${warning}`);
  if (!check.problems.length) {
    beginNote(repo, config, trailers, pending);
    return 0;
  }
  for (const problem of check.problems) {
    say(`commit refused: ${problem.message}`);
    say(`  fix: ${problem.fix}`);
  }
  say(`  your message is kept in ${file}; \`git commit -e -F ${file}\` starts from it again`);
  return 1;
}

/**
 * The note being prepared by commit-msg: git counts the staged lines in the background while the
 * zone gate runs (src/hooks/entry.ts), and `finishCommitMsg` writes the note or drops it.
 */
let notePreparation: { finish(keep: boolean): Promise<void> } | undefined;

/**
 * Starts building the note now, while node is running anyway, so that post-commit only has to
 * attach it (hooks/git-provenance.sh) instead of starting node once more. Amends keep going
 * through post-commit's own path, which carries the old note's reviews over.
 */
function beginNote(repo: Repo, config: Config, trailers: readonly Trailer[], pending: string): void {
  try {
    if (runningUnderAmend()) return;
    const decoded = decodeTrailers(trailers);
    const level = highestLevel(config.levels, decoded.levels);
    const tree = writeTree(repo);
    if (!level) {
      writeFileSync(pending, `${tree}\n`);
      return;
    }
    const fields = normalizeDeclared({ level, explanation: decoded.explanation, tool: decoded.tool, model: decoded.tool ? decoded.model : undefined });
    const staged = stagedChanges(repo);
    notePreparation = {
      async finish(keep) {
        if (!keep) {
          staged.cancel();
          return;
        }
        try {
          const note: ProvenanceNote = {
            schema: NOTE_SCHEMA,
            level,
            recordedBy: 'hook',
            recordedAt: new Date().toISOString(),
            files: fileEntries(await staged.changes, createPlacer(config)),
            reviews: [],
          };
          if (fields.explanation) note.explanation = fields.explanation;
          if (fields.tool) note.tool = fields.tool;
          if (fields.model) note.model = fields.model;
          writeFileSync(pending, `${tree}\n${formatNote(note)}`);
        } catch {
          // post-commit falls back to computing the note itself.
          rmSync(pending, { force: true });
        }
      },
    };
  } catch {
    rmSync(pending, { force: true });
  }
}

/** After the zone gate: write the prepared note when the commit goes ahead, else drop it. */
export async function finishCommitMsg(commitGoesAhead: boolean): Promise<void> {
  const preparation = notePreparation;
  notePreparation = undefined;
  await preparation?.finish(commitGoesAhead);
}

// --- post-commit ---------------------------------------------------------------------------------

export async function postCommit(context: HookContext): Promise<number> {
  if (disabled(context)) return 0;
  const repo = context.repo;
  rmSync(inGitDir(repo, PENDING_NOTE), { force: true });
  const replay = replayState(repo);
  if (replay.rebase && (replay.cherryPick || replay.folding || replay.rebase === 'apply')) return 0;
  try {
    const { config } = await loadConfig(repo);
    const head = resolveCommit(repo, 'HEAD');
    if (replay.cherryPick && !replay.rebase) {
      copyNoteOfPick(repo, config, head);
      return 0;
    }
    // git copies the old note after post-commit (and concatenates it onto any note written
    // here); post-rewrite writes the amended commit's note.
    if (runningUnderAmend()) return 0;
    recordFromTrailers(repo, config, head);
  } catch (error) {
    // The commit exists already: say what went wrong, never fail it.
    say(`warning: the note of this commit was not written: ${error instanceof Error ? error.message : String(error)}${error instanceof ProvenanceError && error.hint ? ` (${error.hint})` : ''}`);
  }
  return 0;
}

/** Writes a commit's note from its trailers; false when the message declares no level. */
function recordFromTrailers(repo: Repo, config: Config, commit: string): boolean {
  const decoded = decodeTrailers(readCommit(repo, commit).trailers);
  const level = highestLevel(config.levels, decoded.levels);
  if (!level) return false;
  const result = recordCommit(repo, config, commit, {
    level,
    explanation: decoded.explanation,
    tool: decoded.tool,
    model: decoded.tool ? decoded.model : undefined,
    recordedBy: 'hook',
  });
  for (const warning of result.warnings) say(`warning: ${warning}`);
  return true;
}

/** `git cherry-pick` is not a rewrite: the new commit gets the original's note, files recounted. */
function copyNoteOfPick(repo: Repo, config: Config, head: string): void {
  const original = readFileSync(inGitDir(repo, 'CHERRY_PICK_HEAD'), 'utf8').trim();
  const text = original ? readNote(repo, original, NOTES_REF) : undefined;
  if (text === undefined) return;
  const parsed = parseNote(text, config.levels).note;
  if (!parsed) return;
  const note: ProvenanceNote = { ...parsed, files: fileEntries(commitChanges(repo, head), createPlacer(config)), reviews: [] };
  writeNote(repo, head, formatNote(note), NOTES_REF);
}

// --- post-rewrite --------------------------------------------------------------------------------

export async function postRewrite(context: HookContext): Promise<number> {
  if (disabled(context)) return 0;
  const repo = context.repo;
  const [kind] = context.args;
  const amendsFile = inGitDir(repo, REBASE_AMENDS);
  if (kind === 'amend' && replayState(repo).rebase) {
    // Reported again when the rebase ends; remember which commits need their lines recounted.
    appendFileSync(amendsFile, context.readStdin());
    return 0;
  }
  let amendedInRebase = new Set<string>();
  if (kind === 'rebase') {
    try {
      amendedInRebase = new Set(parseRewrites(readFileSync(amendsFile, 'utf8')).keys());
    } catch {
      // No amend happened during this rebase.
    }
    rmSync(amendsFile, { force: true });
  }
  try {
    const groups = parseRewrites(context.readStdin());
    if (!groups.size) return 0;
    const { config } = await loadConfig(repo);
    const notes = noteBlobs(repo, NOTES_REF);
    const placer = createPlacer(config);
    for (const [newCommit, olds] of groups) {
      if (kind === 'amend' && olds.length === 1) {
        amendNote(repo, config, olds[0], newCommit, notes);
        continue;
      }
      if (olds.length === 1) {
        const oldNote = notes.get(olds[0]);
        const newNote = notes.get(newCommit);
        // notes.rewriteRef normally copied it already; copy it when that config is missing.
        if (oldNote && !newNote) writeNote(repo, newCommit, readBlobText(repo, oldNote), NOTES_REF);
        else if (newNote) {
          // Recount when the commit was amended during the rebase, or git concatenated notes.
          const parsed = parseNote(readBlobText(repo, newNote), config.levels);
          const concatenated = parsed.warnings.some((warning) => warning.includes('concatenated'));
          if (parsed.note && (concatenated || amendedInRebase.has(newCommit))) {
            writeNote(repo, newCommit, formatNote({ ...parsed.note, files: fileEntries(commitChanges(repo, newCommit), placer) }), NOTES_REF);
          }
        }
        continue;
      }
      // Squash or fixup: one note with the highest level and every explanation, not git's
      // concatenation of JSON documents.
      const parts = olds.map((commit) => ({ commit, note: partNote(repo, config, commit) }));
      const known = parts.filter((part) => part.note.level !== UNKNOWN);
      if (!known.length) continue;
      const combined = combineNotes(config.levels, parts);
      combined.recordedBy = 'hook';
      combined.recordedAt = new Date().toISOString();
      combined.files = fileEntries(commitChanges(repo, newCommit), placer);
      writeNote(repo, newCommit, formatNote(combined), NOTES_REF);
    }
  } catch (error) {
    say(`warning: notes were not carried over this ${kind ?? 'rewrite'}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return 0;
}

/**
 * After `commit --amend`: the amended commit's own trailers give the record (reviews of the old
 * note kept); without trailers the old note carries over. Either way one JSON document, not
 * git's concatenation.
 */
function amendNote(repo: Repo, config: Config, oldCommit: string, newCommit: string, notes: Map<string, string>): void {
  const oldBlob = notes.get(oldCommit);
  const oldNote = oldBlob ? parseNote(readBlobText(repo, oldBlob), config.levels).note : undefined;
  const newBlob = notes.get(newCommit);
  // recordCommit keeps the reviews it finds on the commit: give it the old note alone first.
  if (oldNote) writeNote(repo, newCommit, formatNote(oldNote), NOTES_REF);
  else if (newBlob) removeNote(repo, newCommit);
  if (recordFromTrailers(repo, config, newCommit)) return;
  if (oldNote) writeNote(repo, newCommit, formatNote({ ...oldNote, files: fileEntries(commitChanges(repo, newCommit), createPlacer(config)) }), NOTES_REF);
}

function partNote(repo: Repo, config: Config, commit: string): ProvenanceNote {
  const record = readRecordOrUndefined(repo, config, commit);
  const note: ProvenanceNote = {
    schema: NOTE_SCHEMA,
    level: record?.level ?? UNKNOWN,
    recordedBy: 'hook',
    recordedAt: '',
    files: record?.files ?? [],
    reviews: [],
  };
  if (record?.explanation) note.explanation = record.explanation;
  if (record?.tool) note.tool = record.tool;
  if (record?.model) note.model = record.model;
  return note;
}

// --- pre-push ------------------------------------------------------------------------------------

export async function prePush(context: HookContext): Promise<number> {
  if (disabled(context)) return 0;
  const [remote] = context.args;
  if (!remote) return 0;
  const lines = context.readStdin().split('\n').filter((line) => line.trim());
  // Only the user's own refs trigger a notes push (our notes push runs with --no-verify anyway).
  const userRefs = lines.filter((line) => {
    const [localRef, localOid] = line.split(' ');
    return localRef && !localRef.startsWith('refs/notes/') && localOid && !/^0+$/.test(localOid);
  });
  if (!userRefs.length) return 0;
  const repo = context.repo;
  try {
    const { config } = await loadConfig(repo);
    const result = syncNotes(repo, config, remote, { timeoutMs: PUSH_TIMEOUT_MS, fetchFirst: false, push: true });
    if (!result.ok) say(`warning: provenance notes were not pushed to ${remote}: ${result.detail}; your push goes on (run \`${PROGRAM} sync ${remote}\` later)`);
  } catch (error) {
    say(`warning: provenance notes were not pushed to ${remote}: ${error instanceof Error ? error.message : String(error)}; your push goes on`);
  }
  return 0;
}


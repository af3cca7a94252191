// prepare-commit-msg: writes the record's trailers into the message before the editor opens
// (from the environment, a recognised agent, a prompt, an amended commit or a squash). The
// runner (hooks/git-provenance.sh) already skipped the cases with nothing to do and wrote plain
// environment values itself; this handler checks again, as a runner can be older or bypassed.

import { readFileSync, writeFileSync } from 'node:fs';
import { PROMPT_ANSWER_FILE } from '../../../model/pending-note.ts';
import { InvalidValueError } from '../../../model/errors.ts';
import { createPlacer } from '../../../model/placement.ts';
import { levelsAllowedForAll, touchedZones } from '../../../model/zones.ts';
import { stagedPaths } from '../../../git/staged.ts';
import type { Config } from '../../../model/config.ts';
import { highestLevel } from '../../../model/levels.ts';
import {
  MAX_EXPLANATION_LENGTH,
  encodeTrailers,
  explanationsInBody,
  levelsInBody,
  withoutQuotedRecords,
  type DeclaredFields,
} from '../../../model/trailers.ts';
import { writeMessageTrailers } from '../../../git/message.ts';
import { inGitDir } from '../../../git/repo.ts';
import { PROGRAM } from '../../../model/display.ts';
import type { HookContext } from '../../hook-context.ts';
import { runningUnderAmend } from '../amend.ts';
import { ENV, decideCapture } from '../decide.ts';
import { currentSquashChain } from '../rewrite.ts';
import { isDisabled, readRecordIfAny, recordFields, recordTrailers, replayState, say } from './common.ts';
import { commitIdentity, messagePath, readCommitMessage, type CommitMessage } from './message.ts';

export async function prepareCommitMsg(context: HookContext): Promise<number> {
  const [file, source, sourceCommit] = context.args;
  if (!file || source === 'merge' || isDisabled(context)) return 0;
  const repo = context.repo;
  const replay = replayState(repo);
  if (replay.rebase === 'apply') return 0;
  if (replay.rebase === 'merge' && replay.folding && !replay.cherryPick) return foldSquashChain(context, file);
  if (replay.cherryPick || replay.revert) return 0;
  const message = readCommitMessage(repo, file);
  if (/^This reverts commit [0-9a-f]{7,}/m.test(message.text)) return 0;
  const explicit = Boolean(context.env[ENV.level]?.trim());
  // A message reused from a commit (--amend --no-edit, -c, -C) carries that commit's record; a
  // level set in the environment replaces it, as it does for `--amend -m`.
  const reused = message.decoded;
  const replacing = explicit && source === 'commit' && reused.levels.length > 0;
  if (reused.levels.length && !replacing) return 0;

  const config = await context.config();
  // `git merge --squash`: the squashed commits' records are in the body, indented. The commit
  // takes the highest of their levels and all their explanations, as a squash in `rebase -i` does.
  if (source === 'squash' && !explicit) {
    const level = highestLevel(config.levels, levelsInBody(message.text));
    if (level) {
      // SQUASH_MSG lists the commits newest first; explanations read oldest first.
      const explanation = explanationsInBody(message.text).reverse().join(' / ').slice(0, MAX_EXPLANATION_LENGTH);
      // Their quoted AI-Assistance / AI-Explanation lines are now in the one trailer: left in the
      // body, every later show, report and check would read two values.
      writeFileSync(message.path, withoutQuotedRecords(message.text));
      writeMessageTrailers(repo, message.path, recordTrailers(explanation ? { level, explanation } : { level }));
      return 0;
    }
  }
  // An amend keeps the record of the commit it replaces, whatever the new message says.
  // Values set explicitly in the environment win, as they do in the runner's fast path.
  const amended = explicit ? undefined : source === 'commit' && sourceCommit ? sourceCommit : source !== 'squash' && runningUnderAmend() ? 'HEAD' : undefined;
  if (amended) {
    const previous = readRecordIfAny(repo, config, amended);
    if (previous && (previous.source === 'declared' || previous.source === 'noted')) {
      writeMessageTrailers(repo, message.path, recordTrailers(recordFields(previous)));
      return 0;
    }
  }
  return askAndWrite(context, config, message, replacing);
}

/** The record for a new commit: from the environment, a recognised agent, or a prompt. */
async function askAndWrite(context: HookContext, config: Config, message: CommitMessage, replacing: boolean): Promise<number> {
  const { openTerminal } = await import('../prompt.ts');
  const terminal = openTerminal(context.env);
  try {
    const decision = decideCapture(config, context.env, commitIdentity(context.repo, message), { canPrompt: terminal !== undefined });
    let fields: DeclaredFields | undefined;
    if (decision.kind === 'record') {
      fields = decision.fields;
      // Replacing a reused record: what the environment does not say is kept from the message.
      if (replacing) {
        const reused = message.decoded;
        const tool = fields.tool ?? reused.tool;
        fields = recordFields({
          level: decision.fields.level,
          explanation: fields.explanation ?? reused.explanation,
          tool,
          model: fields.tool ? fields.model : reused.model,
        });
      }
      if (decision.origin === 'agent') say(`recorded as ${decision.fields.level} by ${decision.fields.tool} (${decision.evidence})`);
    } else if (decision.kind === 'prompt' && terminal) {
      const { promptForRecord } = await import('../prompt.ts');
      try {
        const allowed = config.zones.length ? levelsAllowedForAll(config, touchedZones(createPlacer(config), stagedPaths(context.repo))) : config.levels;
        fields = await promptForRecord(config, terminal, decision.defaults, allowed);
        writeFileSync(inGitDir(context.repo, PROMPT_ANSWER_FILE), `${JSON.stringify(fields)}\n`);
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
    try {
      writeMessageTrailers(context.repo, message.path, replacing ? recordTrailers(fields) : encodeTrailers(fields));
    } catch (error) {
      throw decision.kind === 'record' && decision.origin === 'environment' ? namingTheVariable(error) : error;
    }
    return 0;
  } finally {
    terminal?.close();
  }
}

/** A bad value that came from GIT_PROVENANCE_*: the message names the variable, not a flag. */
function namingTheVariable(error: unknown): unknown {
  if (!(error instanceof InvalidValueError) || !Object.hasOwn(ENV, error.field)) return error;
  const variable = ENV[error.field as keyof typeof ENV];
  const problem = error.message.slice(error.field.length + 2);
  const fix =
    error.field === 'model' ? `set ${ENV.tool} too (e.g. ${ENV.tool}=claude-code ${ENV.model}=claude-opus-4-7)` : (error.hint ?? `fix or unset ${variable}`);
  return new InvalidValueError(variable, problem, fix);
}

/** `rebase -i` fixup/squash: the combined commit's trailers take the highest level of the chain. */
async function foldSquashChain(context: HookContext, file: string): Promise<number> {
  const repo = context.repo;
  let done: string;
  try {
    done = readFileSync(inGitDir(repo, 'rebase-merge/done'), 'utf8');
  } catch {
    return 0;
  }
  const chain = currentSquashChain(done);
  if (chain.length < 2) return 0;
  const config = await context.config();
  const records = chain.map((commit) => readRecordIfAny(repo, config, commit)).filter((record) => record !== undefined);
  const level = highestLevel(
    config.levels,
    records.map((record) => record.level),
  );
  if (!level) return 0;
  const explanations = [...new Set(records.map((record) => record.explanation).filter((text): text is string => Boolean(text)))];
  const withTool = [...records].reverse().find((record) => record.level === level && record.tool) ?? [...records].reverse().find((record) => record.tool);
  const fields: DeclaredFields = { level };
  if (explanations.length) fields.explanation = explanations.join(' / ').slice(0, MAX_EXPLANATION_LENGTH);
  if (withTool?.tool) {
    fields.tool = withTool.tool;
    if (withTool.model) fields.model = withTool.model;
  }
  writeMessageTrailers(repo, messagePath(repo, file), recordTrailers(fields));
  return 0;
}

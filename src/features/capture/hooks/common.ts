// What several hook handlers share: how they speak, the off switch, the replay in progress, and
// turning an earlier record back into fields and trailers.

import { readFileSync } from 'node:fs';
import type { Config } from '../../../model/config.ts';
import type { ProvenanceRecord } from '../../../model/record.ts';
import { encodeTrailers, type DeclaredFields, type Trailer } from '../../../model/trailers.ts';
import { gitDirHas, inGitDir, type Repo } from '../../../git/repo.ts';
import type { HookContext } from '../../hook-context.ts';
import { readRecord } from '../../records/index.ts';

import { PROGRAM } from '../../../model/display.ts';

export function say(line: string): void {
  process.stderr.write(`${PROGRAM}: ${line}\n`);
}

export function isDisabled(context: HookContext): boolean {
  return context.env.GIT_PROVENANCE === '0';
}

export interface Replay {
  rebase: 'merge' | 'apply' | undefined;
  cherryPick: boolean;
  revert: boolean;
  /** `rebase -i` is folding fixup/squash commits into one. */
  folding: boolean;
}

/** What git is replaying right now, from its in-progress markers in the git directory. */
export function replayState(repo: Repo): Replay {
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

/** The declared fields of a record (a model only with its tool). */
export function recordFields(record: { level: string; explanation?: string; tool?: string; model?: string }): DeclaredFields {
  const fields: DeclaredFields = { level: record.level };
  if (record.explanation) fields.explanation = record.explanation;
  if (record.tool) {
    fields.tool = record.tool;
    if (record.model) fields.model = record.model;
  }
  return fields;
}

/** Trailers for fields that came from a record (which may hold values typed by hand long ago). */
export function recordTrailers(fields: DeclaredFields): Trailer[] {
  try {
    return encodeTrailers(fields);
  } catch {
    return encodeTrailers({ level: fields.level, explanation: fields.explanation });
  }
}

export function readRecordIfAny(repo: Repo, config: Config, rev: string): ProvenanceRecord | undefined {
  try {
    return readRecord(repo, config, rev);
  } catch {
    return undefined;
  }
}

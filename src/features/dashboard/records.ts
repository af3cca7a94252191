// Each commit's level and whether its record carries an explanation, for the explanation
// coverage. Kept under .git/provenance/ (beside the report's cache) so that a dashboard after
// new commits reads only those, and re-resolves only the commits whose notes changed.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { changedNotes, NOTES_REF } from '../../git/notes.ts';
import { isAncestor, refTip } from '../../git/revisions.ts';
import { readCommits, readCommitsSince, type LoggedCommit } from '../../git/commits.ts';
import type { Repo } from '../../git/repo.ts';
import type { Config } from '../../model/config.ts';
import { recordOf } from '../zones/check.ts';

export interface CommitRecord {
  id: string;
  /** Committer time, seconds. */
  time: number;
  level: string;
  explained: boolean;
}

interface CacheFile {
  version: number;
  key: string;
  tip: string;
  notesTip: string | null;
  commits: [string, number, string, 0 | 1][];
}

const VERSION = 1;
/** Git reads small `@<seconds>` dates as other dates; 1973 is older than any real history. */
const OLDEST = 100_000_000;

export function commitRecord(config: Config, commit: LoggedCommit): CommitRecord {
  const record = recordOf(config, commit);
  return { id: commit.info.commit, time: commit.info.time, level: record.level, explained: Boolean(record.explanation) };
}

function cachePath(repo: Repo): string {
  return join(repo.commonDir, 'provenance', 'records-cache.json');
}

function load(repo: Repo, key: string): CacheFile | undefined {
  try {
    const file = JSON.parse(readFileSync(cachePath(repo), 'utf8')) as CacheFile;
    return file.version === VERSION && file.key === key && Array.isArray(file.commits) ? file : undefined;
  } catch {
    return undefined; // none, or damaged: only a slower run
  }
}

function save(repo: Repo, file: CacheFile): void {
  try {
    mkdirSync(join(repo.commonDir, 'provenance'), { recursive: true });
    const temporary = `${cachePath(repo)}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(file));
    renameSync(temporary, cachePath(repo));
  } catch {
    // A read-only repository: the next run reads everything again.
  }
}

/** The non-merge commits reachable from `end`, each with its level and explanation. */
export async function commitRecords(repo: Repo, config: Config, end: string, options: { cache?: boolean } = {}): Promise<CommitRecord[]> {
  const key = createHash('sha256')
    .update(JSON.stringify({ VERSION, levels: config.levels }))
    .digest('hex');
  const tip = refTip(repo, NOTES_REF) ?? null;
  const cached = options.cache === false ? undefined : load(repo, key);
  let records: Map<string, CommitRecord> | undefined;
  if (cached) {
    try {
      if (cached.tip === end || isAncestor(repo, cached.tip, end)) {
        const known = new Map(cached.commits.map(([id, time, level, explained]) => [id, { id, time, level, explained: explained === 1 }]));
        if (cached.tip !== end)
          for (const commit of await readCommitsSince(repo, [end, `^${cached.tip}`], OLDEST, [], { changes: false }))
            known.set(commit.info.commit, commitRecord(config, commit));
        const renoted = cached.notesTip === tip ? [] : (await changedNotes(repo, cached.notesTip, tip)).filter((id) => known.has(id));
        for (const commit of await readCommits(repo, renoted)) known.set(commit.info.commit, commitRecord(config, commit));
        records = known;
      }
    } catch {
      records = undefined; // the cached tip or notes are gone (rewritten history): read everything
    }
  }
  if (!records)
    records = new Map(
      (await readCommitsSince(repo, [end], OLDEST, [], { changes: false })).map((commit) => [commit.info.commit, commitRecord(config, commit)]),
    );
  if (options.cache !== false && !(cached && cached.tip === end && cached.notesTip === tip)) {
    save(repo, { version: VERSION, key, tip: end, notesTip: tip, commits: [...records.values()].map((r) => [r.id, r.time, r.level, r.explained ? 1 : 0]) });
  }
  return [...records.values()];
}

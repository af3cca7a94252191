// The merged provenance record of a commit: trailers (declared) > note (noted) > other tools'
// conventions (inferred) > unknown. Disagreements between trailer and note are reported.

import { UNKNOWN, highestLevel, isKnownLevel } from './levels.ts';
import { configuredLevelFor, inferAssistance, inferFromLines, type CommitIdentity, type Inference } from './inference.ts';
import type { LineAttribution } from './line-attribution.ts';
import type { FileEntry, ParsedNote, Review } from './note.ts';
import { decodeTrailers, levelsInBody } from './trailers.ts';

export type Source = 'declared' | 'noted' | 'inferred' | 'unknown';

/**
 * Two sources that say different things about one field: trailer against note, or (for the
 * level) a declared or noted level against the evidence of AI that outranks it.
 */
export interface Disagreement {
  field: 'level' | 'explanation' | 'tool' | 'model';
  trailer?: string;
  note?: string;
  /** The level the evidence shows (another tool's marker, an agent); it wins. */
  evidence?: string;
}

export interface ProvenanceRecord {
  commit: string;
  /** A configured level, or "unknown". */
  level: string;
  explanation?: string;
  tool?: string;
  model?: string;
  source: Source;
  reviews: Review[];
  files: FileEntry[];
  disagreements: Disagreement[];
  warnings: string[];
  /** For inferred records: what was recognised. */
  evidence?: string;
  /** Which added lines were AI, human or unknown, when a note says (docs/FORMAT.md §6). */
  lines?: LineAttribution;
}

export interface CommitEvidence extends CommitIdentity {
  commit: string;
  note?: ParsedNote;
  /** The commit's added lines split by our note's ranges or a git-ai note; a git-ai note with AI lines is evidence. */
  lines?: LineAttribution;
  /** Evidence from outside the commit's text, e.g. the agent environment at commit time. */
  externalInference?: Inference;
}

export function resolveRecord(levels: readonly string[], evidence: CommitEvidence): ProvenanceRecord {
  const trailers = decodeTrailers(evidence.trailers);
  const note = evidence.note?.note;
  const warnings = (evidence.note?.warnings ?? []).map((warning) => `note ${warning}`);
  const record: ProvenanceRecord = {
    commit: evidence.commit,
    level: UNKNOWN,
    source: 'unknown',
    reviews: [],
    files: note?.files ?? [],
    disagreements: [],
    warnings,
  };
  if (evidence.lines) record.lines = evidence.lines;

  // A squash merge keeps only the last commit's trailer block; the others' AI-Assistance lines
  // stay in the body (indented by `git merge --squash`). The highest of all of them is declared.
  const declaredCandidates = [...new Set([...trailers.levels, ...levelsInBody(evidence.message)])];
  for (const level of declaredCandidates) {
    if (!isKnownLevel(levels, level)) warnings.push(`AI-Assistance "${level}" is not one of levels [${levels.join(', ')}]; it is ignored`);
  }
  const declared = highestLevel(levels, declaredCandidates);
  if (declared && new Set(declaredCandidates.filter((level) => isKnownLevel(levels, level))).size > 1) {
    warnings.push(`several AI-Assistance values (${declaredCandidates.join(', ')}); the highest, ${declared}, is used`);
  }
  const noted = note && isKnownLevel(levels, note.level) ? note.level : undefined;
  if (note && !noted) warnings.push(`note level "${note.level}" is not one of levels [${levels.join(', ')}]; it is ignored`);

  // Evidence from outside the commit: the agent environment at commit time, and line evidence
  // (our note's agent line ranges, another tool's line-level note).
  const external = strongest(evidence.externalInference, evidence.lines ? inferFromLines(evidence.lines) : undefined);
  const inferred = strongest(inferAssistance(evidence), external);
  if (declared) {
    record.level = declared;
    record.source = 'declared';
  } else if (noted) {
    record.level = noted;
    record.source = 'noted';
  } else {
    if (inferred) {
      record.level = configuredLevelFor(levels, inferred.level);
      record.source = 'inferred';
      record.tool = inferred.tool;
      if (inferred.model) record.model = inferred.model;
      record.evidence = inferred.evidence;
    }
  }

  if (record.source === 'declared' || record.source === 'noted') {
    for (const field of ['explanation', 'tool', 'model'] as const) {
      const fromTrailer = trailers[field];
      const fromNote = note?.[field];
      const value = fromTrailer ?? fromNote;
      if (value !== undefined) record[field] = value;
      if (fromTrailer !== undefined && fromNote !== undefined && fromTrailer !== fromNote) {
        record.disagreements.push({ field, trailer: fromTrailer, note: fromNote });
      }
    }
    if (declared && noted && declared !== noted) record.disagreements.unshift({ field: 'level', trailer: declared, note: noted });
    // Evidence beats declarations: an agent's own marker saying AI is not undone by a trailer or
    // a note declaring less, so a lower declaration cannot open a zone that forbids AI.
    // `Assisted-by` is this format's own tool field (§2), part of the declaration, not evidence.
    const overriding = strongest(
      inferAssistance({ ...evidence, trailers: evidence.trailers.filter((trailer) => trailer.key.toLowerCase() !== 'assisted-by') }),
      external,
    );
    const shown = overriding && configuredLevelFor(levels, overriding.level);
    if (overriding && shown && shown !== record.level && highestLevel(levels, [record.level, shown]) === shown) {
      const said = record.source === 'declared' ? { trailer: record.level } : { note: record.level };
      record.disagreements.unshift({ field: 'level', ...said, evidence: shown });
      warnings.push(
        `${record.source === 'declared' ? 'the trailer declares' : 'the note says'} ${record.level}, but ${overriding.evidence} shows ${shown}; ${shown} is used`,
      );
      record.level = shown;
      record.evidence = overriding.evidence;
      record.tool ??= overriding.tool;
    }
  }

  const reviews = new Map<string, Review>();
  for (const person of trailers.reviewers) reviews.set(person.email, { by: person.email, name: person.name, at: '', fromTrailer: true });
  // A signed note review outranks the same person's unsigned trailer (a zone may require signatures).
  for (const review of note?.reviews ?? []) if (!reviews.has(review.by) || review.signature) reviews.set(review.by, review);
  record.reviews = [...reviews.values()];
  return record;
}

/** The inference showing more AI (an agent over an assistant); the first when they tie. */
function strongest(first: Inference | undefined, second: Inference | undefined): Inference | undefined {
  if (!first || !second) return first ?? second;
  return second.level === 'generated' && first.level !== 'generated' ? second : first;
}

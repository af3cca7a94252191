// Merging two versions of one commit's note (this clone's and a remote's) into one valid JSON
// note. Nothing is dropped: when only one side parses it wins, reviews are united, and of two
// records the later one gives the level and explanation.

import { formatNote, parseNote, type ProvenanceNote, type Review } from '../../model/note.ts';

export function mergeNoteTexts(levels: readonly string[], local: string | undefined, remote: string | undefined): string | undefined {
  if (local === undefined || remote === undefined || local === remote) return local ?? remote;
  const ours = parseNote(local, levels).note;
  const theirs = parseNote(remote, levels).note;
  if (!ours && !theirs) return local;
  if (!ours) return formatNote(theirs as ProvenanceNote);
  if (!theirs) return formatNote(ours);
  const later = theirs.recordedAt > ours.recordedAt ? theirs : ours;
  const earlier = later === ours ? theirs : ours;
  const reviews = new Map<string, Review>();
  for (const review of [...earlier.reviews, ...later.reviews]) {
    const seen = reviews.get(review.by);
    if (!seen || review.at > seen.at) reviews.set(review.by, review);
  }
  const merged: ProvenanceNote = { ...later, reviews: [...reviews.values()] };
  if (!merged.files.length && earlier.files.length) merged.files = earlier.files;
  if (!merged.explanation && earlier.explanation && earlier.level === later.level) merged.explanation = earlier.explanation;
  return formatNote(merged);
}

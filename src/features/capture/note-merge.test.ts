import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { DEFAULT_LEVELS } from '../../model/levels.ts';
import { NOTE_SCHEMA, formatNote, parseNote, type ProvenanceNote } from '../../model/note.ts';
import { mergeNoteTexts } from './note-merge.ts';

const levels = [...DEFAULT_LEVELS];

const noteArb: fc.Arbitrary<ProvenanceNote> = fc.record({
  schema: fc.constant(NOTE_SCHEMA),
  level: fc.constantFrom(...levels),
  recordedBy: fc.constantFrom('hook' as const, 'cli' as const),
  recordedAt: fc.integer({ min: 0, max: 4e12 }).map((ms) => new Date(ms).toISOString()),
  files: fc.constant([]),
  reviews: fc.uniqueArray(fc.record({ by: fc.emailAddress().map((e) => e.toLowerCase()), at: fc.constant('2026-01-01T00:00:00.000Z') }), {
    selector: (r) => r.by,
    maxLength: 3,
  }),
});

test('two valid notes merge into one valid note: the later record wins, reviews are united', () => {
  fc.assert(
    fc.property(noteArb, noteArb, (a, b) => {
      const merged = mergeNoteTexts(levels, formatNote(a), formatNote(b));
      const parsed = parseNote(merged ?? '', levels);
      assert.ok(parsed.note, 'valid');
      assert.equal(parsed.warnings, []);
      const later = b.recordedAt > a.recordedAt ? b : a;
      assert.is(parsed.note!.level, later.level);
      for (const review of [...a.reviews, ...b.reviews]) assert.ok(parsed.note!.reviews.some((r) => r.by === review.by));
    }),
  );
});

test('a note never disappears: one side missing or broken keeps the other', () => {
  fc.assert(
    fc.property(noteArb, fc.string(), (a, junk) => {
      const text = formatNote(a);
      assert.is(mergeNoteTexts(levels, text, undefined), text);
      assert.is(mergeNoteTexts(levels, undefined, text), text);
      const withJunk = mergeNoteTexts(levels, `{${junk}`, text);
      assert.is(parseNote(withJunk ?? '', levels).note?.level, a.level);
    }),
  );
});

test.run();

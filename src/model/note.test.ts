import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import {
  MAX_COUNTED_FILES,
  combineNotes,
  countsLinesOf,
  formatNote,
  linesCounted,
  NOTE_SCHEMA,
  parseNote,
  splitJsonDocuments,
  type FileEntry,
  type ProvenanceNote,
} from './note.ts';

const LEVELS = ['none', 'assisted', 'generated'];

const sample: ProvenanceNote = {
  schema: NOTE_SCHEMA,
  level: 'generated',
  explanation: 'Adds the retry helper beside the HTTP client',
  tool: 'claude-code',
  model: 'claude-opus-4-7',
  recordedBy: 'hook',
  recordedAt: '2026-11-23T10:00:00.000Z',
  files: [{ path: 'src/a b.ts', oldPath: 'src/old.ts', service: 'api', zone: 'reviewed', added: 3, deleted: 1 }],
  reviews: [{ by: 'lead@example.com', name: 'Lee', at: '2026-11-23T11:00:00.000Z' }],
};

test('a note round-trips through its JSON text', () => {
  const parsed = parseNote(formatNote(sample), LEVELS);
  assert.equal(parsed.warnings, []);
  assert.equal(parsed.note, sample);
});

test("a signed review's object text is kept byte for byte (newlines and all); an oversized one is dropped", () => {
  const signature = 'tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\ngpgsig -----BEGIN SSH SIGNATURE-----\n \n -----END SSH SIGNATURE-----\n\nmessage\n';
  const signed = { ...sample, reviews: [{ ...sample.reviews[0], patch: 'a'.repeat(40), signature }] };
  assert.equal(parseNote(formatNote(signed), LEVELS).note, signed);
  const huge = { ...sample, reviews: [{ ...sample.reviews[0], signature: 'x'.repeat(70_000) }] };
  assert.equal(parseNote(formatNote(huge), LEVELS).note?.reviews, sample.reviews);
});

test('truncated, empty, foreign and non-JSON notes give warnings, never a throw', () => {
  const text = formatNote(sample);
  const truncated = parseNote(text.slice(0, 40), LEVELS);
  assert.is(truncated.note, undefined);
  assert.match(truncated.warnings.join(), /truncated/);
  assert.match(parseNote('', LEVELS).warnings.join(), /empty/);
  assert.match(parseNote('{"version":"0.1","tool":{"name":"x"}}', LEVELS).warnings.join(), /not a git-provenance note/);
  assert.match(parseNote('hand written text', LEVELS).warnings.join(), /not JSON/);
  assert.match(parseNote('{"schema":"git-provenance/1"}', LEVELS).warnings.join(), /no level/);
});

test('a newer schema is read with a warning', () => {
  const parsed = parseNote(JSON.stringify({ ...sample, schema: 'git-provenance/2', extra: true }), LEVELS);
  assert.is(parsed.note?.level, 'generated');
  assert.match(parsed.warnings.join(), /git-provenance\/2/);
});

test("two notes concatenated by git's rewrite mode are read as one, at the highest level", () => {
  const first = { ...sample, level: 'none', explanation: 'first part', tool: undefined, model: undefined, reviews: [] };
  const parsed = parseNote(`${formatNote(first)}\n${formatNote({ ...sample, level: 'assisted', explanation: 'second part' })}`, LEVELS);
  assert.is(parsed.note?.level, 'assisted');
  assert.is(parsed.note?.explanation, 'first part / second part');
  assert.is(parsed.note?.combinedFrom?.length, 2);
  assert.match(parsed.warnings.join(), /concatenated/);
});

test('combining keeps every explanation and the highest level, and sums files per path', () => {
  const combined = combineNotes(LEVELS, [
    { commit: 'a1', note: { ...sample, level: 'generated', explanation: 'one' } },
    { commit: 'b2', note: { ...sample, level: 'none', explanation: 'two', tool: undefined, model: undefined } },
  ]);
  assert.is(combined.level, 'generated');
  assert.equal(combined.combinedFrom, [
    { commit: 'a1', level: 'generated', explanation: 'one' },
    { commit: 'b2', level: 'none', explanation: 'two' },
  ]);
  assert.is(combined.files[0].added, 6);
  assert.is(combined.tool, 'claude-code');
  assert.is(JSON.parse(formatNote(combined)).schema, NOTE_SCHEMA);
});

const uncounted: FileEntry[] = [
  { path: 'src/a.ts', service: 'api', zone: 'reviewed' },
  { path: 'src/new.ts', oldPath: 'src/old.ts', service: 'api', zone: null },
];

test('a note without line counts says so (lineCounts: false), its entries carry none, and it round-trips', () => {
  const note = { ...sample, files: uncounted };
  const json = JSON.parse(formatNote(note));
  assert.is(json.lineCounts, false);
  assert.equal(json.files, [
    { path: 'src/a.ts', service: 'api', zone: 'reviewed' },
    { path: 'src/new.ts', oldPath: 'src/old.ts', service: 'api', zone: null },
  ]);
  const parsed = parseNote(formatNote(note), LEVELS);
  assert.equal(parsed.warnings, []);
  assert.equal(parsed.note, note);
  assert.is(linesCounted(parsed.note?.files ?? []), false);
  // A counted note does not carry the field at all.
  assert.not.ok('lineCounts' in JSON.parse(formatNote(sample)));
});

test('lineCounts: false wins over counts an entry carries; without it, missing counts read as 0 (as before)', () => {
  const text = JSON.stringify({ ...JSON.parse(formatNote(sample)), lineCounts: false });
  const entry = parseNote(text, LEVELS).note?.files[0];
  assert.equal([entry?.added, entry?.deleted, entry?.binary], [undefined, undefined, undefined]);
  const handWritten = JSON.stringify({ schema: NOTE_SCHEMA, level: 'none', files: [{ path: 'a', binary: true }] });
  const read = parseNote(handWritten, LEVELS).note?.files[0];
  assert.equal([read?.added, read?.deleted, read?.binary], [0, 0, true]);
});

test('a mixed file list is written without any count: a reader never sees part of a count', () => {
  const json = JSON.parse(formatNote({ ...sample, files: [...sample.files, ...uncounted] }));
  assert.is(json.lineCounts, false);
  assert.ok(json.files.every((file: Record<string, unknown>) => !('added' in file) && !('deleted' in file)));
});

test('combining a counted note with one that was not counted gives no counts (a sum would be wrong)', () => {
  const combined = combineNotes(LEVELS, [
    { commit: 'a1', note: sample },
    { commit: 'b2', note: { ...sample, files: uncounted } },
  ]);
  assert.equal(
    combined.files.map((file) => [file.path, file.added]),
    [
      ['src/a b.ts', undefined],
      ['src/a.ts', undefined],
      ['src/new.ts', undefined],
    ],
  );
  assert.is(JSON.parse(formatNote(combined)).lineCounts, false);
});

test('any file list: the counts survive a round trip when every entry has them, else none does', () => {
  const entry = fc.record(
    {
      path: fc.string({ minLength: 1, maxLength: 20 }),
      service: fc.constantFrom('api', 'web'),
      zone: fc.constantFrom(null, 'reviewed'),
      added: fc.nat(1000),
      deleted: fc.nat(1000),
    },
    { requiredKeys: ['path', 'service', 'zone'] },
  );
  fc.assert(
    fc.property(fc.array(entry, { maxLength: 8 }), (drawn) => {
      // Counts come in pairs (one numstat line gives both).
      const files: FileEntry[] = drawn.map(({ added, deleted, ...rest }) =>
        added !== undefined && deleted !== undefined ? { ...rest, added, deleted } : rest,
      );
      const read = parseNote(formatNote({ ...sample, files }), LEVELS).note?.files ?? [];
      assert.equal(
        read.map((file) => file.path),
        files.map((file) => file.path),
      );
      if (linesCounted(files)) assert.equal(read, files);
      else assert.ok(read.every((file) => file.added === undefined && file.deleted === undefined));
    }),
    { numRuns: 200 },
  );
});

test('the hooks count the lines of up to MAX_COUNTED_FILES files, not one more', () => {
  assert.ok(countsLinesOf(0));
  assert.ok(countsLinesOf(MAX_COUNTED_FILES));
  assert.not.ok(countsLinesOf(MAX_COUNTED_FILES + 1));
});

test('splitting JSON documents ignores braces inside strings', () => {
  assert.equal(splitJsonDocuments('{"a":"}{"}{"b":"\\"}"}').documents, ['{"a":"}{"}', '{"b":"\\"}"}']);
});

test('property: any note text parses without throwing', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
      const parsed = parseNote(text, LEVELS);
      assert.ok(parsed.note !== undefined || parsed.warnings.length > 0);
    }),
    { numRuns: 500 },
  );
  const full = formatNote(sample);
  fc.assert(
    fc.property(fc.nat(full.length), (cut) => {
      parseNote(full.slice(0, cut), LEVELS);
    }),
  );
});

test('property: notes with arbitrary explanations round-trip as safe single lines', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), fc.constantFrom(...LEVELS), (text, level) => {
      const explanation = text
        .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060\ufeff]/g, '')
        .replace(/\s+/g, ' ')
        .trim();
      const note = { ...sample, level, explanation: explanation || undefined };
      const parsed = parseNote(formatNote(note), LEVELS);
      assert.equal(parsed.note, JSON.parse(JSON.stringify(note)));
    }),
    { numRuns: 300 },
  );
});

test.run();

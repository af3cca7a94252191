import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { DEFAULT_LEVELS } from './levels.ts';
import { createNote, type ProvenanceNote } from './note.ts';
import { decodePendingNote, encodePendingNote } from './pending-note.ts';

const levels = [...DEFAULT_LEVELS];
const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);
const noteArb: fc.Arbitrary<ProvenanceNote> = fc
  .record({
    level: fc.constantFrom(...levels),
    explanation: fc.option(fc.stringMatching(/^[A-Za-z]{1,8}( [a-z.,]{1,8}){0,4}$/), { nil: undefined }),
    tool: fc.option(word, { nil: undefined }),
    recordedAt: fc.integer({ min: 0, max: 4e12 }).map((ms) => new Date(ms).toISOString()),
    files: fc.array(
      fc.record({ path: word, service: word, zone: fc.constant(null), added: fc.nat(), deleted: fc.nat() }).map((file) => ({ ...file })),
      { maxLength: 3 },
    ),
  })
  .map((fields) => createNote({ ...fields, recordedBy: 'hook' }));
const treeArb = fc.stringMatching(/^[0-9a-f]{40}$/);

test('a pending note decodes to what was encoded, with or without a note', () => {
  fc.assert(
    fc.property(treeArb, fc.option(noteArb, { nil: undefined }), (tree, note) => {
      const decoded = decodePendingNote(encodePendingNote(note ? { tree, note } : { tree }), levels);
      assert.equal(decoded, note ? { tree, note } : { tree });
    }),
  );
});

test('the first line is the tree and nothing else (what the runner reads with sed)', () => {
  const text = encodePendingNote({ tree: 'a'.repeat(40) });
  assert.is(text, `${'a'.repeat(40)}\n`);
  const withNote = encodePendingNote({ tree: 'b'.repeat(40), note: createNote({ level: 'assisted', recordedBy: 'hook', recordedAt: '', files: [] }) });
  assert.is(withNote.split('\n')[0], 'b'.repeat(40));
  assert.ok(withNote.split('\n')[1].startsWith('{'));
});

test('text that is not a pending note is refused, not half-read', () => {
  assert.is(decodePendingNote('', levels), undefined);
  assert.is(decodePendingNote('not-a-tree\n', levels), undefined);
  assert.is(decodePendingNote(`${'c'.repeat(40)}\n{"truncated": `, levels), undefined);
});

test('createNote leaves empty optional fields out and keeps what it is given', () => {
  const note = createNote({ level: 'none', explanation: '', tool: undefined, recordedBy: 'cli', recordedAt: 't', files: [] });
  assert.equal(note, { schema: 'git-provenance/1', level: 'none', recordedBy: 'cli', recordedAt: 't', files: [], reviews: [] });
  const full = createNote({
    level: 'generated',
    explanation: 'e',
    tool: 't',
    model: 'm',
    recordedBy: 'hook',
    recordedAt: 'x',
    files: [],
    reviews: [{ by: 'a@b.c', at: '' }],
    combinedFrom: [{ commit: 'c', level: 'none' }],
  });
  assert.equal(full.reviews, [{ by: 'a@b.c', at: '' }]);
  assert.equal(full.combinedFrom, [{ commit: 'c', level: 'none' }]);
  assert.is(full.model, 'm');
});

test.run();

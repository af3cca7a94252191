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

test('a note prepared as a fast-import stream decodes to the same note; the stream counts bytes', () => {
  const identArb = fc.tuple(
    fc.stringMatching(/^[A-Za-z][A-Za-z .'-]{0,20}$/),
    fc.stringMatching(/^[a-z]{1,8}@[a-z]{1,8}\.[a-z]{2,3}$/),
    fc.nat(),
    fc.constantFrom('+0000', '-0700', '+0530'),
  );
  fc.assert(
    fc.property(
      treeArb,
      noteArb,
      identArb,
      fc.boolean(),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      (tree, note, [name, email, seconds, zone], refExists, extra) => {
        const withText = { ...note, explanation: `${note.explanation ?? 'x'}${extra.replace(/\s/g, '')}` || undefined };
        const text = encodePendingNote(
          { tree, note: withText },
          { ref: 'refs/notes/provenance', committer: `${name.trim() || 'A'} <${email}> ${seconds} ${zone}`, refExists },
        );
        assert.is(text.split('\n')[1], 'commit refs/notes/provenance');
        assert.is(text.includes('\nfrom refs/notes/provenance^0\n'), refExists);
        const dataLine = text.lastIndexOf('\ndata ');
        const count = Number(text.slice(dataLine + 6, text.indexOf('\n', dataLine + 1)));
        assert.is(Buffer.byteLength(text.slice(text.indexOf('\n', dataLine + 1) + 1)), count);
        assert.equal(decodePendingNote(text, levels), { tree, note: withText });
      },
    ),
  );
});

test('without a committer git accepts, the note is kept as plain text', () => {
  const note = createNote({ level: 'assisted', recordedBy: 'hook', recordedAt: '', files: [] });
  for (const committer of ['', 'No Email', 'A <a@b> 1 +0000\nfrom refs/heads/main', 'A <a@b> x +0000']) {
    const text = encodePendingNote({ tree: 'a'.repeat(40), note }, { ref: 'refs/notes/provenance', committer, refExists: true });
    assert.ok(text.split('\n')[1].startsWith('{'), committer);
  }
  const badRef = encodePendingNote({ tree: 'a'.repeat(40), note }, { ref: 'refs/notes/x\nN inline HEAD', committer: 'A <a@b> 1 +0000', refExists: true });
  assert.ok(badRef.split('\n')[1].startsWith('{'));
});

test('the first line is the tree and nothing else (what the runner reads first)', () => {
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

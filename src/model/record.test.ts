import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NOTE_SCHEMA, type ParsedNote } from './note.ts';
import { resolveRecord, type CommitEvidence } from './record.ts';
import { parseTrailerLines } from './trailers.ts';

const LEVELS = ['none', 'assisted', 'generated'];

function evidence(trailerText: string, note?: ParsedNote, message = 'subject\n'): CommitEvidence {
  return {
    commit: 'c0ffee',
    authorName: 'Ada',
    authorEmail: 'ada@example.com',
    committerName: 'Ada',
    committerEmail: 'ada@example.com',
    message,
    trailers: parseTrailerLines(trailerText),
    note,
  };
}

const note = (level: string, extra: object = {}): ParsedNote => ({
  note: { schema: NOTE_SCHEMA, level, recordedBy: 'cli', recordedAt: '', files: [], reviews: [], ...extra },
  warnings: [],
});

test('no record at all is unknown, never none', () => {
  const record = resolveRecord(LEVELS, evidence(''));
  assert.is(record.level, 'unknown');
  assert.is(record.source, 'unknown');
});

test('the trailer wins over the note, and the disagreement is reported', () => {
  const record = resolveRecord(
    LEVELS,
    evidence('AI-Assistance: assisted\nAI-Explanation: from the trailer', note('generated', { explanation: 'from the note', tool: 'cursor' })),
  );
  assert.is(record.level, 'assisted');
  assert.is(record.source, 'declared');
  assert.is(record.explanation, 'from the trailer');
  assert.is(record.tool, 'cursor');
  assert.equal(
    record.disagreements.map((d) => d.field),
    ['level', 'explanation'],
  );
});

test('a note alone is noted; inference names the level without trailer or note', () => {
  assert.is(resolveRecord(LEVELS, evidence('', note('assisted'))).source, 'noted');
  const inferred = resolveRecord(LEVELS, evidence('Co-Authored-By: Claude <noreply@anthropic.com>'));
  assert.is(inferred.source, 'inferred');
  assert.is(inferred.level, 'generated');
  assert.is(inferred.tool, 'claude-code');
});

test('evidence beats declarations: neither a trailer nor a note can lower what an agent marker shows', () => {
  const declared = resolveRecord(LEVELS, evidence('AI-Assistance: none\nCo-Authored-By: Claude <noreply@anthropic.com>'));
  assert.is(declared.level, 'generated');
  assert.is(declared.source, 'declared');
  assert.equal(declared.disagreements[0], { field: 'level', trailer: 'none', evidence: 'generated' });
  assert.match(declared.warnings.join(), /the trailer declares none, but Co-authored-by: Claude <noreply@anthropic.com> shows generated/);
  const noted = resolveRecord(LEVELS, evidence('Co-Authored-By: Claude <noreply@anthropic.com>', note('none')));
  assert.is(noted.level, 'generated');
  assert.equal(noted.disagreements[0], { field: 'level', note: 'none', evidence: 'generated' });
  const external = resolveRecord(LEVELS, {
    ...evidence('AI-Assistance: assisted'),
    externalInference: { level: 'generated', tool: 'claude-code', evidence: 'CLAUDECODE is set' },
  });
  assert.is(external.level, 'generated');
  // A higher declaration stands: evidence only ever raises the level.
  const higher = resolveRecord(LEVELS, evidence('AI-Assistance: generated\nCo-Authored-By: GitHub Copilot <copilot@github.com>'));
  assert.is(higher.level, 'generated');
  assert.equal(higher.disagreements, []);
  // Assisted-by is this format's own tool field: part of the declaration, not evidence against it.
  assert.is(resolveRecord(LEVELS, evidence('AI-Assistance: none\nAssisted-by: copilot')).level, 'none');
});

test('a squash-merged body takes the highest AI-Assistance level it carries', () => {
  const record = resolveRecord(LEVELS, evidence('', undefined, 'Squash (#12)\n\n* a\n    AI-Assistance: generated\n\n* b\n    AI-Assistance: none\n'));
  assert.is(record.level, 'generated');
  assert.is(record.source, 'declared');
});

test('levels outside the configuration are ignored with a warning', () => {
  const record = resolveRecord(LEVELS, evidence('AI-Assistance: lots'));
  assert.is(record.level, 'unknown');
  assert.match(record.warnings.join(), /"lots" is not one of levels/);
});

test('reviews come from Reviewed-by trailers and the note, once per reviewer', () => {
  const record = resolveRecord(
    LEVELS,
    evidence(
      'AI-Assistance: generated\nReviewed-by: Lee <lead@example.com>',
      note('generated', {
        reviews: [
          { by: 'lead@example.com', at: 'x' },
          { by: 'sam@example.com', at: 'y' },
        ],
      }),
    ),
  );
  assert.equal(
    record.reviews.map((r) => r.by),
    ['lead@example.com', 'sam@example.com'],
  );
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parsePushInput, refsAddingCommits } from './push.ts';

test('pre-push input: deletions and notes refs add no commits', () => {
  const zero = '0'.repeat(40);
  const refs = parsePushInput(
    [
      `refs/heads/main ${'a'.repeat(40)} refs/heads/main ${'b'.repeat(40)}`,
      `(delete) ${zero} refs/heads/old ${'c'.repeat(40)}`,
      `refs/notes/provenance ${'d'.repeat(40)} refs/notes/provenance ${zero}`,
      `refs/tags/v1 ${'e'.repeat(64)} refs/tags/v1 ${'0'.repeat(64)}`,
      '',
    ].join('\n'),
  );
  assert.is(refs.length, 4);
  assert.equal(
    refsAddingCommits(refs).map((ref) => ref.remoteRef),
    ['refs/heads/main', 'refs/tags/v1'],
  );
});

test.run();

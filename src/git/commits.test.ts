import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LogParser } from './commits.ts';

function parse(text: string) {
  const parser = new LogParser();
  const out = [];
  for (const token of text.split('\0')) {
    const commit = parser.feed(token);
    if (commit) out.push(commit);
  }
  const last = parser.finish();
  if (last) out.push(last);
  return out;
}

const header = (id: string, parents: string, message: string, note = '') =>
  [
    `\x1e${id}`,
    parents,
    'Ada',
    'ada@example.com',
    '2026-01-01T00:00:00Z',
    'Ada',
    'ada@example.com',
    '2026-01-01T00:00:00Z',
    '1767225600',
    message.split('\n')[0],
    'AI-Assistance: generated\n',
    message,
    note,
  ].join('\0');

test('LogParser reads headers, notes, numstat entries and renames', () => {
  const text = [
    header('a'.repeat(40), 'b'.repeat(40), 'Two\n\nAI-Assistance: generated\n', '{"level":"none"}\n'),
    '\n1\t2\tdocs/a b.md',
    '0\t0\t',
    'old/name.ts',
    'new/name.ts',
    '-\t-\timg.png',
    header('b'.repeat(40), '', 'One\n'),
    '\n3\t0\t-odd.ts',
    '',
  ].join('\0');
  const commits = parse(text);
  assert.is(commits.length, 2);
  assert.is(commits[0].info.commit, 'a'.repeat(40));
  assert.is(commits[0].noteText, '{"level":"none"}\n');
  assert.is(commits[0].info.time, 1767225600);
  assert.equal(commits[0].info.trailers, [{ key: 'AI-Assistance', value: 'generated' }]);
  assert.equal(
    commits[0].changes.map((c) => [c.path, c.oldPath, c.added, c.deleted, c.binary]),
    [
      ['docs/a b.md', undefined, 1, 2, false],
      ['new/name.ts', 'old/name.ts', 0, 0, false],
      ['img.png', undefined, 0, 0, true],
    ],
  );
  assert.is(commits[1].noteText, undefined);
  assert.equal(
    commits[1].changes.map((c) => c.path),
    ['-odd.ts'],
  );
});

test('LogParser: a message that imitates numstat lines or the record marker stays in the message', () => {
  const message = 'Tricky\n\n1\t1\tfake.ts\n\x1efake\n';
  const commits = parse([header('c'.repeat(40), '', message), '\n1\t0\treal.ts', ''].join('\0'));
  assert.is(commits.length, 1);
  assert.is(commits[0].info.message, message);
  assert.equal(
    commits[0].changes.map((c) => c.path),
    ['real.ts'],
  );
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { addedByChange, lineHash, linesOfWrittenTexts, matchAddedLines, splitLines, type AgentMark } from './line-evidence.ts';

const agent = { tool: 'claude-code' };

test('lines inserted anywhere are exactly the lines a change added', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom('a', 'b', 'c', '}', ''), { maxLength: 40 }),
      fc.array(fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 5 })), { maxLength: 10 }),
      (before, inserts) => {
        const after: string[] = [...before];
        const positions: number[] = [];
        for (const [at, text] of inserts) {
          const index = at % (after.length + 1);
          after.splice(index, 0, `new ${text} ${positions.length}`);
          for (let i = 0; i < positions.length; i++) if (positions[i] >= index) positions[i]++;
          positions.push(index);
        }
        const added = addedByChange(before.map(lineHash), after.map(lineHash));
        assert.equal(
          added,
          positions.map((index) => index + 1).sort((a, b) => a - b),
        );
      },
    ),
  );
});

test('a line the person typed before the agent is not the agent’s, even when equal lines move', () => {
  const before = ['human', '}', 'typed'].map(lineHash);
  const after = ['human', '}', 'agent', '}', 'typed'].map(lineHash);
  assert.is(addedByChange(before, after).length, 2);
});

test('matching never uses a mark twice and only pairs equal texts', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.constantFrom('x', 'y', 'z', '}')), { maxLength: 30 }),
      fc.array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.constantFrom('x', 'y', 'w', '}')), { maxLength: 30 }),
      (markSpecs, addedSpecs) => {
        const marks: AgentMark[] = markSpecs.map(([line, text], i) => ({ line, hash: lineHash(text), agent, at: i }));
        const seen = new Set<number>();
        const added = addedSpecs.filter(([line]) => !seen.has(line) && seen.add(line)).map(([line, text]) => ({ line, hash: lineHash(text) }));
        const { agents, used } = matchAddedLines(added, marks);
        assert.is(agents.size, used.size);
        const hashes = (list: { hash: string }[]) => list.map((item) => item.hash).sort();
        assert.equal(hashes(added.filter((line) => agents.has(line.line))), hashes([...used].map((index) => marks[index])));
        for (const hash of new Set(added.map((line) => line.hash))) {
          const matched = added.filter((line) => line.hash === hash && agents.has(line.line)).length;
          assert.is(matched, Math.min(added.filter((line) => line.hash === hash).length, marks.filter((mark) => mark.hash === hash).length));
        }
      },
    ),
  );
});

test('ambiguous texts pair with the nearest positions', () => {
  const added = [3, 10, 20].map((line) => ({ line, hash: lineHash('}') }));
  const { agents } = matchAddedLines(added, [{ line: 19, hash: lineHash('}'), agent, at: 1 }]);
  assert.equal([...agents.keys()], [20]);
});

test('written texts are found in the file after the edit; trailing whitespace does not matter', () => {
  const after = 'one\ntwo\nthree\nfour\n';
  assert.equal(linesOfWrittenTexts(after, ['two\nthree\n']), [2, 3]);
  assert.equal(linesOfWrittenTexts(after, ['missing']), []);
  assert.is(lineHash('x = 1;  '), lineHash('x = 1;'));
  assert.equal(splitLines('a\r\nb\n'), ['a\r', 'b']);
});

test.run();

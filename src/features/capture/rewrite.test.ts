import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { currentSquashChain, parseRewrites } from './rewrite.ts';

const oid = fc.stringMatching(/^[0-9a-f]{40}$/);

test('post-rewrite input groups old commits by new commit, in order', () => {
  const groups = parseRewrites('aaaa1111 bbbb2222\ncccc3333 bbbb2222 extra\n\nnot a line\ndddd4444 eeee5555\n');
  assert.equal(
    [...groups],
    [
      ['bbbb2222', ['aaaa1111', 'cccc3333']],
      ['eeee5555', ['dddd4444']],
    ],
  );
});

test('property: every well-formed pair is kept, nothing else appears', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(oid, oid), { maxLength: 20 }), fc.string(), (pairs, noise) => {
      const text = `${pairs.map(([a, b]) => `${a} ${b}`).join('\n')}\n${noise.replace(/[0-9a-f]/g, 'x')}`;
      const groups = parseRewrites(text);
      for (const [a, b] of pairs) assert.ok(groups.get(b)?.includes(a));
      const total = [...groups.values()].reduce((sum, olds) => sum + olds.length, 0);
      assert.is(total, new Set(pairs.map(([a, b]) => `${a} ${b}`)).size);
    }),
  );
});

test('the current squash chain is the last pick and the folds after it', () => {
  const done = 'pick 1111111aaa one\npick 2222222bbb two\nfixup 3333333ccc three\nsquash 4444444ddd four\n';
  assert.equal(currentSquashChain(done), ['2222222bbb', '3333333ccc', '4444444ddd']);
  assert.equal(currentSquashChain('pick 1111111aaa one\nfixup -C 3333333ccc three\n'), ['1111111aaa', '3333333ccc']);
  assert.equal(currentSquashChain('pick 1111111aaa one\npick 2222222bbb two\n'), []);
  assert.equal(currentSquashChain('exec make\n'), []);
});

test('property: a chain never contains anything but the oids of its lines', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom('pick', 'fixup', 'squash', 'exec', 'f', 's', 'reword'), oid), { maxLength: 12 }), (lines) => {
      const chain = currentSquashChain(lines.map(([command, id]) => `${command} ${id} subject`).join('\n'));
      for (const id of chain) assert.ok(lines.some(([, line]) => line === id));
      assert.ok(chain.length === 0 || chain.length >= 2);
    }),
  );
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { canonicalEmail, sameMailbox } from './mailbox.ts';

const local = fc.stringMatching(/^[a-z0-9._-]{1,12}$/);
const domain = fc.stringMatching(/^[a-z0-9-]{1,10}\.(com|org|dev)$/);
const INVISIBLES = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u202e', '\u2066', '\ufe0f', '\u0007'];

/** Inserts invisible characters at random places. */
const sprinkle = (text: string, at: number[], chars: string[]) => {
  let out = text;
  at.forEach((position, i) => {
    const p = position % (out.length + 1);
    out = out.slice(0, p) + chars[i % chars.length] + out.slice(p);
  });
  return out;
};

test('case, invisible characters, full-width forms and +tags do not make another mailbox', () => {
  fc.assert(
    fc.property(
      local,
      domain,
      fc.array(fc.nat(40), { maxLength: 4 }),
      fc.subarray(INVISIBLES, { minLength: 1 }),
      fc.stringMatching(/^[a-z0-9]{1,6}$/),
      (user, host, at, chars, tag) => {
        const plain = `${user}@${host}`;
        assert.ok(sameMailbox(plain, plain.toUpperCase()));
        assert.ok(sameMailbox(plain, sprinkle(plain, at, chars)), JSON.stringify(sprinkle(plain, at, chars)));
        assert.ok(sameMailbox(plain, `${user}+${tag}@${host}`));
        const fullWidth = [...plain].map((c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
        assert.ok(sameMailbox(plain, fullWidth), fullWidth);
        assert.is(canonicalEmail(canonicalEmail(fullWidth)), canonicalEmail(plain));
      },
    ),
    { numRuns: 300 },
  );
});

test('different people stay different', () => {
  assert.not.ok(sameMailbox('lead@example.com', 'lead@example.org'));
  assert.not.ok(sameMailbox('lead@example.com', 'leader@example.com'));
  assert.not.ok(sameMailbox('+lead@example.com', 'x@example.com'));
});

test.run();

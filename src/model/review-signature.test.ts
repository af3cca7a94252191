import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import type { Review } from './note.ts';
import { formatReviewPayload, objectMessage, parseReviewPayload, type ReviewPayload, type SignatureCheck, signedReviewProblem } from './review-signature.ts';

const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`));
const payloads = fc.record({
  commit: fc.oneof(hex(40), hex(64)),
  patch: fc.oneof(hex(40), hex(64), fc.constant('')),
  by: fc.tuple(fc.stringMatching(/^[a-z0-9._+-]{1,12}$/), fc.stringMatching(/^[a-z0-9-]{1,10}\.(com|org)$/)).map(([user, host]) => `${user}@${host}`),
  at: fc.date({ min: new Date(0), max: new Date(Date.UTC(9999, 0)), noInvalidDate: true }).map((date) => date.toISOString()),
});

test('property: a payload round-trips through its text', () => {
  fc.assert(fc.property(payloads, (payload) => assert.equal(parseReviewPayload(formatReviewPayload(payload)), { ...payload })));
});

test('property: only the exact payload form parses (no extra lines, no other text)', () => {
  fc.assert(
    fc.property(payloads, fc.string({ maxLength: 20 }), fc.nat(200), (payload, junk, at) => {
      const text = formatReviewPayload(payload);
      const cut = at % (text.length + 1);
      const edited = text.slice(0, cut) + junk + text.slice(cut);
      const parsed = parseReviewPayload(edited);
      // Whatever an edit leaves, a parse that succeeds reads it back exactly.
      if (parsed) assert.is(formatReviewPayload(parsed), edited);
    }),
  );
  const text = formatReviewPayload({ commit: 'a'.repeat(40), patch: '', by: 'lead@example.com', at: '2026-01-01T00:00:00.000Z' });
  assert.is(parseReviewPayload(`${text}by eve@example.com\n`), undefined);
  assert.is(parseReviewPayload(text.replace('lead@', 'lead\n@')), undefined);
});

test("an object's message starts after the first blank line", () => {
  assert.is(objectMessage('tree x\ngpgsig a\n \n b\n\nhello\n\nworld\n'), 'hello\n\nworld\n');
  assert.is(objectMessage('tree x\n'), undefined);
});

const commit = 'c'.repeat(40);
const patch = 'a'.repeat(40);
const payload: ReviewPayload = { commit, patch, by: 'lead@example.com', at: '2026-01-01T00:00:00.000Z' };
const signature = `tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\ngpgsig sig\n\n${formatReviewPayload(payload)}`;
const review: Review = { by: payload.by, at: payload.at, patch, signature };
const good: SignatureCheck = { status: 'G', signer: 'lead@example.com' };
const same = (email: string) => email;
const context = { commit, currentPatch: patch, identity: same };

test('a signed review counts only when git found it good, by the reviewer, for this commit and content, unedited', () => {
  assert.is(signedReviewProblem(review, good, context), undefined);
  assert.match(signedReviewProblem({ ...review, signature: undefined }, good, context)!, 'not signed');
  assert.match(signedReviewProblem(review, undefined, context)!, 'not checked');
  assert.match(signedReviewProblem(review, { status: 'U', signer: '' }, context)!, 'does not trust');
  assert.match(signedReviewProblem(review, { status: 'B', signer: 'lead@example.com' }, context)!, 'altered after signing');
  assert.match(signedReviewProblem(review, { ...good, problem: 'no allowed signers' }, context)!, 'no allowed signers');
  assert.match(signedReviewProblem(review, { ...good, signer: 'bob@example.com' }, context)!, 'signed by bob@example.com, not by the reviewer');
  assert.match(signedReviewProblem({ ...review, by: 'bob@example.com' }, good, context)!, 'edited after signing');
  assert.match(signedReviewProblem({ ...review, at: '2030-01-01T00:00:00.000Z' }, good, context)!, 'edited after signing');
  assert.match(signedReviewProblem(review, good, { ...context, commit: 'd'.repeat(40) })!, 'not this one');
  assert.match(signedReviewProblem(review, good, { ...context, currentPatch: 'b'.repeat(40) })!, 'content changed');
  assert.match(signedReviewProblem({ ...review, signature: 'tree x\n\nhello\n' }, good, context)!, 'not a git-provenance review');
  // The mailmap makes an OpenPGP uid's other address the same person; a +tag is the same mailbox.
  assert.is(signedReviewProblem(review, { ...good, signer: 'Lead+key@Example.com' }, context), undefined);
  const mapped = (email: string) => (email === 'l.old@example.org' ? 'lead@example.com' : email);
  assert.is(signedReviewProblem(review, { ...good, signer: 'l.old@example.org' }, { ...context, identity: mapped }), undefined);
});

test.run();

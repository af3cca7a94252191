// Signed reviews and the mailmap: a zone that requires signed reviews counts only a review signed
// by a key the checker trusts (gpg.ssh.allowedSignersFile, the GPG keyring), by the reviewer it
// names, for this very commit and content; and the mailmap that decides who is who comes from
// the rules' revision, never from the push being judged.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cleanupTempDirs, run, tempDir } from '../helpers/repo.ts';
import { EXAMPLE_CONFIG, flat, type ZonedRepo, zonedRepo } from '../zones/fixture.ts';
import { assertHandled } from './helpers.ts';

const Signed = suite('signed reviews and the mailmap');
Signed.after(cleanupTempDirs);

const SIGNED_CONFIG = EXAMPLE_CONFIG.replace(
  '    reviewers: ["lead@example.com"]\n',
  '    reviewers: ["lead@example.com", "bob@example.com"]\n    requireSignedReviews: true\n',
);
const HANDLER = 'services/api/handlers/list.ts';

interface Keys {
  /** Private key file per person. */
  key: Record<string, string>;
  allowedSigners: string;
}

let made: Record<string, string> | undefined;

/** ed25519 keys for lead, bob, eve and a stranger (made once); an allowed-signers file of `trusted` (principal → person). */
function sshKeys(trusted: Record<string, string>): Keys {
  const dir = tempDir('gp-keys-');
  made ??= Object.fromEntries(
    ['lead', 'bob', 'eve', 'stranger'].map((person) => {
      const file = join(dir, person);
      const result = run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', person, '-f', file]);
      assert.is(result.status, 0, result.stderr);
      return [person, file];
    }),
  );
  const key = made;
  const allowedSigners = join(dir, 'allowed_signers');
  writeFileSync(
    allowedSigners,
    Object.entries(trusted)
      .map(([principal, person]) => `${principal} ${readFileSync(`${key[person]}.pub`, 'utf8')}`)
      .join(''),
  );
  return { key, allowedSigners };
}

/** The signed-review zone, a server whose pre-receive runs check, and SSH keys for lead, bob and eve. */
function signedSetup(
  config = SIGNED_CONFIG,
  trusted: Record<string, string> = { 'lead@example.com': 'lead', 'bob@example.com': 'bob', 'eve@example.com': 'eve' },
) {
  const z = zonedRepo(config);
  const hook = join(z.remote.dir, 'hooks', 'pre-receive');
  writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" check --pre-receive\n`);
  chmodSync(hook, 0o755);
  const keys = sshKeys(trusted);
  for (const repo of [z.repo, z.remote]) repo.git('config', 'gpg.ssh.allowedSignersFile', keys.allowedSigners);
  z.repo.git('config', 'gpg.format', 'ssh');
  z.repo.git('config', 'notes.rewriteRef', 'refs/notes/provenance');
  return { z, keys };
}

/** `review <rev> --by <by> --sign` with `person`'s key. */
function signedReview(z: ZonedRepo, keys: Keys, person: string, by: string, rev = 'HEAD') {
  return z.repo.cli(['review', rev, '--by', by, '--sign'], {
    env: { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'user.signingKey', GIT_CONFIG_VALUE_0: keys.key[person] },
  });
}

/** Notes first (the server judges reviews by the notes it has), then the branch. */
function pushBoth(z: ZonedRepo, ...options: string[]) {
  const notes = z.push(...options, 'origin', '+refs/notes/provenance');
  assert.is(notes.status, 0, notes.stderr);
  return z.push(...options, 'origin', 'main');
}

const noteOf = (z: ZonedRepo, rev = 'HEAD') => JSON.parse(z.repo.git('notes', '--ref=provenance', 'show', rev));
const setNote = (z: ZonedRepo, note: unknown, rev = 'HEAD') => z.repo.git('notes', '--ref=provenance', 'add', '-f', '-m', JSON.stringify(note), rev);

function refusedAtCheck(z: ZonedRepo, why: RegExp | string, what: string): void {
  const check = z.repo.cli(['check', 'origin/main..HEAD', '--config-rev', 'origin/main']);
  assertHandled(check, 1, what);
  assert.match(flat(check.stdout), why, `${what}: ${check.stdout}`);
}

Signed('a signed review passes the push gate, check and pre-receive; an unsigned one is refused with the fix', () => {
  const { z, keys } = signedSetup();
  assert.is(z.commit('handler', { [HANDLER]: 'x\n' }, 'generated').status, 0);
  assertHandled(z.repo.cli(['review', 'HEAD', '--by', 'lead@example.com']), 0, 'unsigned review');
  const check = z.repo.cli(['check', 'origin/main..HEAD', '--config-rev', 'origin/main']);
  assertHandled(check, 1, 'check with an unsigned review');
  assert.match(flat(check.stdout), 'zone reviewed requires signed reviews, and it is not signed');
  assert.match(flat(check.stdout), /review \w+ --by lead@example.com --sign .*allowedSignersFile/);
  const unsignedPush = pushBoth(z);
  assert.is.not(unsignedPush.status, 0, 'the push gate let an unsigned review through');

  const signed = signedReview(z, keys, 'lead', 'lead@example.com');
  assertHandled(signed, 0, 'signed review');
  assert.match(
    `${signed.stdout}\n${signed.stderr}`,
    /(recorded|updated) signed review by lead@example.com .*\n\s+counts for zone reviewed/,
    signed.stdout + signed.stderr,
  );
  assert.match(noteOf(z).reviews[0].signature, /^tree [0-9a-f]+\n[\s\S]*-----BEGIN SSH SIGNATURE-----/);
  assertHandled(z.repo.cli(['check', 'origin/main..HEAD', '--config-rev', 'origin/main']), 0, 'check with a signed review');
  assert.match(z.repo.cli(['show']).stdout, /reviewed by +Ada Dev <lead@example.com> \(signed\)|reviewed by +lead@example.com \(signed\)/);
  // The pre-push hook (client) and the server's pre-receive both verify it.
  const pushed = pushBoth(z);
  assert.is(pushed.status, 0, pushed.stderr);
  assert.is(z.remoteHead(), z.repo.git('rev-parse', 'HEAD').trim());
});

Signed('a key the checker does not trust, a signer other than the reviewer, and a trailer review do not count', () => {
  const { z, keys } = signedSetup();
  assert.is(z.commit('handler', { [HANDLER]: 'x\n' }, 'generated').status, 0);
  assertHandled(signedReview(z, keys, 'stranger', 'lead@example.com'), 0, 'review signed by an unknown key');
  refusedAtCheck(z, /signed by a key this checker does not trust/, 'unknown key');
  // bob's key (principal bob@example.com) signing a review that says lead.
  assertHandled(signedReview(z, keys, 'bob', 'lead@example.com'), 0, 'review by lead signed with bob');
  refusedAtCheck(z, 'it is signed by bob@example.com, not by the reviewer lead@example.com', 'signer is not the reviewer');
  // Without an allowed-signers file the checker says how to set one up.
  z.repo.git('config', '--unset', 'gpg.ssh.allowedSignersFile');
  assertHandled(signedReview(z, keys, 'lead', 'lead@example.com'), 0, 'signed review, nothing to verify with');
  refusedAtCheck(z, 'no gpg.ssh.allowedSignersFile to verify SSH signatures with', 'no allowed signers');
  z.repo.git('config', 'gpg.ssh.allowedSignersFile', keys.allowedSigners);
  assertHandled(z.repo.cli(['check', 'origin/main..HEAD', '--config-rev', 'origin/main']), 0, 'the same review, verifiable');

  z.repo.git('reset', '-q', '--hard', 'origin/main');
  const trailer = z.commit('handler', { [HANDLER]: 'y\n' }, 'generated', ['--trailer', 'Reviewed-by: Lead <lead@example.com>']);
  assert.is(trailer.status, 0, trailer.stderr);
  refusedAtCheck(z, 'it is a Reviewed-by trailer, which is not signed', 'trailer review');
});

Signed('a signature copied onto another commit, or kept through an amend with new content, does not count', () => {
  const { z, keys } = signedSetup();
  assert.is(z.commit('handler', { [HANDLER]: 'x\n' }, 'generated').status, 0);
  assertHandled(signedReview(z, keys, 'lead', 'lead@example.com'), 0, 'signed review');
  const approved = noteOf(z).reviews[0];
  assert.is(z.commit('another handler', { 'services/api/handlers/other.ts': 'y\n' }, 'generated').status, 0);
  // Copied as it was, or with its patch field set to the new commit's (as a forger would).
  assertHandled(z.repo.cli(['review', 'HEAD', '--by', 'bob@example.com']), 0, 'unsigned review, for its patch id');
  const { patch } = noteOf(z).reviews[0];
  for (const copied of [approved, { ...approved, patch }]) {
    setNote(z, { ...noteOf(z), reviews: [copied] });
    const check = z.repo.cli(['check', 'HEAD', '--config-rev', 'origin/main']);
    assertHandled(check, 1, 'copied signature');
    assert.match(flat(check.stdout), /signature is for commit \w+, not this one|edited after signing/);
  }

  z.repo.git('reset', '-q', '--hard', 'HEAD~1');
  assertHandled(z.repo.cli(['check', 'origin/main..HEAD', '--config-rev', 'origin/main']), 0, 'the original still counts');
  z.repo.write(HANDLER, 'x\nmore\n');
  z.repo.git('add', '-A');
  const amended = run('git', ['commit', '-q', '--amend', '--no-edit', '--no-verify'], {
    cwd: z.repo.dir,
    env: { ...z.repo.env, GIT_COMMITTER_DATE: '2026-03-01T00:00:00Z' },
  });
  assert.is(amended.status, 0, amended.stderr);
  assert.ok(noteOf(z).reviews[0].signature, 'the note (and its signed review) followed the amend');
  refusedAtCheck(z, /signature is for commit \w+, not this one/, 'amend with new content');
  const pushed = pushBoth(z, '--no-verify');
  assert.is.not(pushed.status, 0, 'the server accepted an amended commit on an old signature');
});

Signed('a review entry edited after signing, or a signed payload edited, does not count', () => {
  const { z, keys } = signedSetup();
  assert.is(z.commit('handler', { [HANDLER]: 'x\n' }, 'generated').status, 0);
  assertHandled(signedReview(z, keys, 'lead', 'lead@example.com'), 0, 'signed review');
  const note = noteOf(z);
  const review = note.reviews[0];
  // The entry says bob (also a reviewer) while lead signed.
  setNote(z, { ...note, reviews: [{ ...review, by: 'bob@example.com' }] });
  refusedAtCheck(z, /signed by lead@example.com, not by the reviewer|edited after signing/, 'entry by edited');
  setNote(z, { ...note, reviews: [{ ...review, at: '2030-01-01T00:00:00.000Z' }] });
  refusedAtCheck(z, 'edited after signing', 'entry time edited');
  // The signed object's own payload edited: git finds the signature bad.
  const forged = review.signature.replace(/\npatch [0-9a-f]*\n/, `\npatch ${'0'.repeat(40)}\n`);
  assert.is.not(forged, review.signature);
  setNote(z, { ...note, reviews: [{ ...review, patch: '0'.repeat(40), signature: forged }] });
  refusedAtCheck(z, 'does not match what was signed (altered after signing)', 'payload edited');
  setNote(z, { ...note, reviews: [{ ...review, signature: 'tree nonsense\n\nhello\n' }] });
  refusedAtCheck(z, /not a valid git object|not a git-provenance review|carries no signature/, 'garbage object');
  setNote(z, note);
  assertHandled(z.repo.cli(['check', 'origin/main..HEAD', '--config-rev', 'origin/main']), 0, 'the note as signed');
});

Signed('review --sign without a usable key: one line, exit 2, nothing written', () => {
  const { z } = signedSetup();
  assert.is(z.commit('handler', { [HANDLER]: 'x\n' }, 'generated').status, 0);
  const before = z.repo.gitResult(['notes', '--ref=provenance', 'show', 'HEAD']).stdout;
  for (const env of [{}, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'user.signingKey', GIT_CONFIG_VALUE_0: join(z.repo.home, 'missing-key') }]) {
    const result = z.repo.cli(['review', 'HEAD', '--by', 'lead@example.com', '--sign'], { env });
    assertHandled(result, 2, 'review --sign without a key');
    assert.match(result.stderr, /^git-provenance: could not sign the review: .+\n/);
    assert.is(z.repo.gitResult(['notes', '--ref=provenance', 'show', 'HEAD']).stdout, before, 'the note changed');
  }
});

Signed('a reviewer cannot approve a commit authored under an alias the mailmap maps to them', () => {
  const { z } = signedSetup(EXAMPLE_CONFIG);
  z.repo.write('.mailmap', 'Lead <lead@example.com> <lead.alias@example.org>\n');
  assert.is(z.commit('mailmap', {}, 'none').status, 0);
  assert.is(z.push('origin', 'main').status, 0);
  z.repo.write(HANDLER, 'x\n');
  z.repo.git('add', '-A');
  const made = run(
    'git',
    ['commit', '-q', '-m', 'handler', '--trailer', 'AI-Assistance: generated', '--trailer', 'AI-Explanation: Adds the list handler beside the others'],
    {
      cwd: z.repo.dir,
      env: { ...z.repo.env, GIT_AUTHOR_EMAIL: 'Lead.Alias+x@example.org' },
    },
  );
  assert.is(made.status, 0, made.stderr);
  const review = z.repo.cli(['review', 'HEAD', '--by', 'lead@example.com']);
  assertHandled(review, 0, 'review');
  assert.match(flat(review.stderr), 'the same person by the mailmap) and cannot review it');
  refusedAtCheck(z, 'the same person by the mailmap) and cannot review it', 'mailmap alias at check');
  const pushed = pushBoth(z, '--no-verify');
  assert.is.not(pushed.status, 0, 'the server accepted a self-review through a mailmap alias');
  assert.match(flat(pushed.stderr.replace(/^remote: /gm, '')), 'the same person by the mailmap) and cannot review it', pushed.stderr);
});

Signed('a mailmap entry brought by the push itself does not make its author a reviewer', () => {
  // eve (trusted signer, not a reviewer) maps herself onto lead in the same push and signs.
  const { z, keys } = signedSetup();
  z.repo.write('.mailmap', 'Lead <lead@example.com> <eve@example.com>\n');
  assert.is(z.commit('handler', { [HANDLER]: 'x\n' }, 'generated').status, 0);
  assertHandled(signedReview(z, keys, 'eve', 'eve@example.com'), 0, "eve's signed review");
  refusedAtCheck(z, 'eve@example.com is not a reviewer of zone reviewed', "the push's own mailmap at check --config-rev");
  const pushed = pushBoth(z, '--no-verify');
  assert.is.not(pushed.status, 0, "the server honoured the push's own .mailmap");
  assert.match(flat(pushed.stderr.replace(/^remote: /gm, '')), 'eve@example.com is not a reviewer of zone reviewed', pushed.stderr);
  // The same entry, once it is part of the rules' revision, is honoured (the test can fail).
  z.repo.git('reset', '-q', '--hard', 'origin/main');
  z.repo.write('.mailmap', 'Lead <lead@example.com> <eve@example.com>\n');
  assert.is(z.commit('mailmap', {}, 'none').status, 0);
  assert.is(z.push('--no-verify', 'origin', 'main').status, 0);
  assert.is(z.commit('handler', { [HANDLER]: 'x\n' }, 'generated').status, 0);
  assertHandled(signedReview(z, keys, 'eve', 'eve@example.com'), 0, "eve's signed review");
  assertHandled(z.repo.cli(['check', 'origin/main..HEAD', '--config-rev', 'origin/main']), 0, 'mailmap from the rules revision');
  const accepted = pushBoth(z, '--no-verify');
  assert.is(accepted.status, 0, accepted.stderr);
});

Signed('an OpenPGP-signed review counts when the key is valid in the checker keyring', () => {
  const { z } = signedSetup();
  const gnupg = tempDir('gp-gnupg-');
  chmodSync(gnupg, 0o700);
  const env = { ...z.repo.env, GNUPGHOME: gnupg };
  const made = run('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', 'Lead <lead@example.com>', 'ed25519', 'sign', 'never'], { env });
  assert.is(made.status, 0, made.stderr);
  z.repo.git('config', 'gpg.format', 'openpgp');
  z.repo.git('config', 'user.signingKey', 'lead@example.com');
  assert.is(z.commit('handler', { [HANDLER]: 'x\n' }, 'generated').status, 0);
  const review = z.repo.cli(['review', 'HEAD', '--by', 'lead@example.com', '--sign'], { env: { GNUPGHOME: gnupg } });
  assertHandled(review, 0, 'openpgp review');
  assert.match(noteOf(z).reviews[0].signature, '-----BEGIN PGP SIGNATURE-----');
  assertHandled(z.repo.cli(['check', 'origin/main..HEAD', '--config-rev', 'origin/main'], { env: { GNUPGHOME: gnupg } }), 0, 'check with the keyring');
  // A checker whose keyring lacks the key cannot count it.
  const empty = tempDir('gp-gnupg-');
  chmodSync(empty, 0o700);
  const check = z.repo.cli(['check', 'origin/main..HEAD', '--config-rev', 'origin/main'], { env: { GNUPGHOME: empty } });
  assertHandled(check, 1, 'check without the key');
  assert.match(flat(check.stdout), /cannot be checked here|does not trust/);
  // gpg started an agent for each home: stop them (they would also stop once the homes are removed).
  for (const home of [gnupg, empty]) run('gpgconf', ['--kill', 'all'], { env: { ...env, GNUPGHOME: home } });
});

Signed.run();

// Signed objects for signed reviews: signed with git's own signing (`commit-tree -S`: gpg.format,
// user.signingKey, gpg.program, gpg.ssh.program) and checked with git's own verification
// (gpg.ssh.allowedSignersFile, the GPG keyring), offline. Both happen in a scratch object
// directory: the object travels as text in a note and never enters the repository's store
// (on a server, a pushed note's object would otherwise be written into the repository).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SigningError } from '../model/errors.ts';
import type { SignatureCheck } from '../model/review-signature.ts';
import { toSafeLine } from '../model/safe-text.ts';
import { configValue } from './config.ts';
import type { Repo } from './repo.ts';
import { emptyTree } from './revisions.ts';
import { git, gitInBackground } from './run.ts';

function scratchObjects(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'git-provenance-objects-'));
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_OBJECT_DIRECTORY: dir };
  delete env.GIT_ALTERNATE_OBJECT_DIRECTORIES;
  delete env.GIT_QUARANTINE_PATH;
  return { dir, env };
}

/**
 * Signs `message` as a commit object of the empty tree, with no parent, and returns the object's
 * raw text. Throws SigningError (one line, exit 2) when git cannot sign.
 */
export function signMessage(repo: Repo, message: string): string {
  const tree = emptyTree(repo);
  const { dir, env } = scratchObjects();
  try {
    const made = git(['commit-tree', '-S', tree], { cwd: repo.cwd, env, input: message, okCodes: [1, 128] });
    if (made.status !== 0) {
      const lines = made.stderr.split('\n').map((line) => line.replace(/^(error|fatal): /, '').trim());
      throw new SigningError(toSafeLine(lines.find(Boolean) ?? `git commit-tree -S exited ${made.status}`));
    }
    return git(['cat-file', 'commit', made.stdout.trim()], { cwd: repo.cwd, env }).stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SSH_SIGNATURE = '-----BEGIN SSH SIGNATURE-----';

/** Signatures per verifying git process: each costs a gpg or ssh-keygen run or two, so they are spread over the cores. */
const SIGNATURES_PER_PROCESS = 8;

/**
 * What git makes of each signed object text: verdict letter and signer (`%G?`, `%GS`). The
 * verification runs in parallel git processes, one per core at most.
 */
export async function verifySignedObjects(repo: Repo, texts: readonly string[]): Promise<Map<string, SignatureCheck>> {
  const out = new Map<string, SignatureCheck>();
  const unique = [...new Set(texts)];
  if (!unique.length) return out;
  const noAllowedSigners = configValue(repo, 'gpg.ssh.allowedSignersFile') === undefined;
  const { dir, env } = scratchObjects();
  try {
    const ids = new Map<string, string>();
    const paths = unique.map((text, i) => {
      const path = join(dir, `signed-${i}`);
      writeFileSync(path, text);
      return path;
    });
    const batch = git(['hash-object', '-t', 'commit', '-w', '--stdin-paths'], { cwd: repo.cwd, env, input: `${paths.join('\n')}\n`, okCodes: [128] });
    if (batch.status === 0) {
      const hashed = batch.stdout.split('\n');
      for (const [i, text] of unique.entries()) ids.set(text, hashed[i].trim());
    } else {
      // One malformed object fails the batch: hash the rest one by one.
      unique.forEach((text, i) => {
        const one = git(['hash-object', '-t', 'commit', '-w', paths[i]], { cwd: repo.cwd, env, okCodes: [128] });
        if (one.status === 0) ids.set(text, one.stdout.trim());
      });
    }
    const verdicts = new Map<string, { status: string; signer: string }>();
    const objects = [...new Set(ids.values())];
    const processes = Math.min(availableParallelism(), Math.ceil(objects.length / SIGNATURES_PER_PROCESS));
    const size = Math.ceil(objects.length / Math.max(1, processes));
    const chunks = Array.from({ length: processes }, (_, i) => objects.slice(i * size, (i + 1) * size)).filter((chunk) => chunk.length);
    const outputs = await Promise.all(
      chunks.map(
        (chunk) => gitInBackground(['log', '--no-walk=unsorted', '-z', '--format=%H %G?%n%GS', ...chunk], { cwd: repo.cwd, env, okCodes: [128] }).output,
      ),
    );
    for (const output of outputs) {
      for (const record of output.split('\0')) {
        const match = /^([0-9a-f]+) (\S)\n([\s\S]*)$/.exec(record);
        if (match) verdicts.set(match[1], { status: match[2], signer: signerEmail(match[3].trim()) });
      }
    }
    for (const text of unique) {
      const id = ids.get(text);
      const verdict = id ? verdicts.get(id) : undefined;
      if (!verdict) out.set(text, { status: 'E', signer: '', problem: 'the signed object is not a valid git object' });
      else if (text.includes(SSH_SIGNATURE) && noAllowedSigners && verdict.status !== 'G') {
        out.set(text, {
          ...verdict,
          problem: 'this checker has no gpg.ssh.allowedSignersFile to verify SSH signatures with (git config gpg.ssh.allowedSignersFile <file>)',
        });
      } else out.set(text, verdict);
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An OpenPGP or X.509 identity "Name <email>" gives its e-mail; an SSH principal is kept as is. */
function signerEmail(signer: string): string {
  return /<([^<>]*)>\s*$/.exec(signer)?.[1] ?? signer;
}

// Every error the tool reports on purpose lives here, with a stable code and the exit code it
// maps to. Anything else that escapes is a bug and exits 70 (see README, "Exit codes").

export const ExitCode = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  internal: 70,
  /** The output could not be written (sysexits EX_IOERR). */
  outputFailed: 74,
} as const;

export type ErrorCode =
  | 'E_USAGE'
  | 'E_CONFIG'
  | 'E_NOT_A_REPOSITORY'
  | 'E_NO_COMMITS'
  | 'E_BAD_REVISION'
  | 'E_GIT_MISSING'
  | 'E_GIT_FAILED'
  | 'E_INVALID_VALUE'
  | 'E_CHECK_FAILED'
  | 'E_SIGNING';

export class ProvenanceError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  /** What the user can do about it, shown after the message. */
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, options: { exitCode?: number; hint?: string } = {}) {
    super(message);
    this.name = 'ProvenanceError';
    this.code = code;
    this.exitCode = options.exitCode ?? ExitCode.usage;
    this.hint = options.hint;
  }
}

export class UsageError extends ProvenanceError {
  constructor(message: string, hint?: string) {
    super('E_USAGE', message, { hint });
  }
}

/** A value the user gave (level, tool, model, explanation) that the format cannot carry. */
export class InvalidValueError extends ProvenanceError {
  readonly field: string;
  constructor(field: string, message: string, hint?: string) {
    super('E_INVALID_VALUE', `${field}: ${message}`, { hint });
    this.field = field;
  }
}

export class ConfigError extends ProvenanceError {
  readonly file: string;
  readonly line?: number;
  readonly field?: string;
  constructor(file: string, detail: string, options: { line?: number; field?: string; hint?: string } = {}) {
    const where = options.line ? `${file}:${options.line}` : file;
    const what = options.field ? `${options.field}: ${detail}` : detail;
    super('E_CONFIG', `${where}: ${what}`, { hint: options.hint });
    this.file = file;
    this.line = options.line;
    this.field = options.field;
  }
}

export class NotARepositoryError extends ProvenanceError {
  constructor(cwd: string) {
    super('E_NOT_A_REPOSITORY', `not a git repository: ${cwd}`, {
      hint: 'run the command inside a git repository, or create one with `git init`',
    });
  }
}

export class NoCommitsError extends ProvenanceError {
  constructor() {
    super('E_NO_COMMITS', 'this repository has no commits yet', {
      hint: 'make a first commit, then run the command again',
    });
  }
}

export class BadRevisionError extends ProvenanceError {
  /** `within`: the range word the revision was written in, when it is more than the revision. */
  constructor(rev: string, within?: string) {
    super('E_BAD_REVISION', within && within !== rev ? `unknown revision: ${within} ("${rev}" names no commit here)` : `unknown revision: ${rev}`, {
      hint: 'name a commit, branch or tag that exists (see `git log --oneline`)',
    });
  }
}

export class GitMissingError extends ProvenanceError {
  constructor() {
    super('E_GIT_MISSING', 'git was not found on PATH', {
      hint: 'install git (2.31 or newer) and make sure `git --version` works in this shell',
    });
  }
}

export class GitFailedError extends ProvenanceError {
  readonly args: readonly string[];
  readonly stderr: string;
  constructor(args: readonly string[], status: number | null, stderr: string) {
    const first = stderr.trim().split('\n')[0] ?? '';
    super('E_GIT_FAILED', `git ${args.join(' ')} failed (exit ${status ?? 'signal'})${first ? `: ${first}` : ''}`);
    this.args = args;
    this.stderr = stderr;
  }
}

export class CheckFailedError extends ProvenanceError {
  constructor(message: string, hint?: string) {
    super('E_CHECK_FAILED', message, { exitCode: ExitCode.checkFailed, hint });
  }
}

/** `review --sign` could not sign: no signing key, or gpg / ssh-keygen failed. */
export class SigningError extends ProvenanceError {
  constructor(detail: string) {
    super('E_SIGNING', `could not sign the review: ${detail}`, {
      hint: 'set a signing key: git config user.signingKey <key> (SSH: git config gpg.format ssh and the public key file), then run review --sign again',
    });
  }
}

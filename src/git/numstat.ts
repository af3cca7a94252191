// What `--numstat -z` says about changed files: "ADDED\tDELETED\tPATH\0", or for a rename
// "ADDED\tDELETED\t\0OLD\0NEW\0"; binary files show "-" counts. One reader, fed token by token, so
// whole outputs (diff-tree, diff-index) and outputs interleaved with commit headers (log) parse alike.

export interface FileChange {
  status: string;
  path: string;
  oldPath?: string;
  added: number;
  deleted: number;
  binary: boolean;
}

const ENTRY = /^(-|\d+)\t(-|\d+)\t(.*)$/s;

/** Reads NUL-separated numstat tokens one at a time; a rename's two paths follow its counts. */
export class NumstatReader {
  private rename: { added: number; deleted: number; binary: boolean; paths: string[] } | undefined;

  /** Whether the reader is between a rename's counts and its paths (the next tokens are paths). */
  get inRename(): boolean {
    return this.rename !== undefined;
  }

  /** Feeds one token; returns a change when one is complete, undefined otherwise (or for non-entries). */
  feed(token: string): FileChange | undefined {
    if (this.rename) {
      this.rename.paths.push(token);
      if (this.rename.paths.length < 2) return undefined;
      const {
        paths: [oldPath, path],
        ...counts
      } = this.rename;
      this.rename = undefined;
      return { status: 'R', path, oldPath, ...counts };
    }
    const match = ENTRY.exec(token.replace(/^\n+/, ''));
    if (!match) return undefined;
    const binary = match[1] === '-';
    const counts = { added: binary ? 0 : Number(match[1]), deleted: binary ? 0 : Number(match[2]), binary };
    if (match[3] === '') {
      this.rename = { ...counts, paths: [] };
      return undefined;
    }
    return { status: 'M', path: match[3], ...counts };
  }
}

/** Parses a whole `--numstat -z` output. */
export function parseNumstatZ(text: string): FileChange[] {
  const reader = new NumstatReader();
  const out: FileChange[] = [];
  for (const token of text.split('\0')) {
    const change = reader.feed(token);
    if (change) out.push(change);
  }
  return out;
}

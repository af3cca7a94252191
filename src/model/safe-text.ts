// User text ends up inside a trailer line and a JSON note. A newline would end the trailer
// block (git then stops recognising every trailer), and terminal escapes or bidi overrides would
// let text pretend to be something else when printed. So text is folded to one plain line.

// C0 and C1 controls, DEL, line/paragraph separators, bidi embeddings/overrides/isolates,
// zero-width and BOM characters.
const INVISIBLE_OR_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060\ufeff]/g;
// ESC-introduced sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ST), and two-byte escapes.
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])|\u009b[0-?]*[ -/]*[@-~]/g;

export function toSafeLine(text: string): string {
  return text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(/[\r\n\t\v\f\u0085\u2028\u2029]+/g, ' ')
    .replace(INVISIBLE_OR_CONTROL, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function isSafeLine(text: string): boolean {
  return toSafeLine(text) === text;
}

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * A path as it is shown to a person: unchanged when printable, else JSON-quoted with escapes,
 * so a file name in a hostile repository cannot move the cursor or fake another line.
 */
export function printablePath(path: string): string {
  return UNPRINTABLE.test(path) || INVISIBLE.test(path) ? quoted(path) : path;
}

const INVISIBLE = /[\u200b-\u200f\u2060\ufeff\u00ad]/;
const ESCAPE_IN_QUOTES = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

/** Text in double quotes with every control, separator, bidi and invisible character escaped. */
export function quoted(text: string): string {
  return JSON.stringify(text).replace(ESCAPE_IN_QUOTES, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Text for a terminal, kept readable: every control, line separator, bidi and invisible
 * character becomes a visible `\uXXXX`, so repository content cannot move the cursor, recolour,
 * retitle the window or fake another line. For one-line messages; paths use printablePath.
 */
export function escapeControls(text: string): string {
  return text.replace(ESCAPE_IN_QUOTES, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const RAW_IN_JSON = /[\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

/**
 * JSON for a stream a person may be watching: the same value, with the characters JSON leaves
 * raw (DEL, C1, separators, bidi, invisible) written as `\uXXXX` escapes, which JSON reads back
 * as the same characters.
 */
export function safeJson(value: unknown, indent = 2): string {
  // JSON.stringify escapes C0 controls inside strings; the newlines left are the layout's.
  return JSON.stringify(value, null, indent).replace(RAW_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const UNPRINTABLE_BUT_TAB = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A line of file content as it is shown on a terminal: tabs kept, other controls made visible (`\u001b`). */
export function printableContent(text: string): string {
  return text.replace(UNPRINTABLE_BUT_TAB, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

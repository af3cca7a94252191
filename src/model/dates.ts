// Commit dates are whatever the committer wrote: git stores any number of seconds, so a date in
// the year 318857 is one `GIT_COMMITTER_DATE` away. JavaScript dates end in the year 275760 and
// calendars make no sense long before; times outside 1970–9999 are treated as broken.

/** 9999-12-31T23:59:59Z, in seconds. */
export const LATEST_TIME = 253_402_300_799;

export function isPlausibleTime(seconds: number): boolean {
  return Number.isFinite(seconds) && seconds >= 0 && seconds <= LATEST_TIME;
}

/** The time clamped into 1970–9999 (NaN becomes 0), so calendars and ISO strings never throw. */
export function plausibleTime(seconds: number): number {
  if (!Number.isFinite(seconds)) return seconds > 0 ? LATEST_TIME : 0;
  return Math.min(Math.max(seconds, 0), LATEST_TIME);
}

/** "2026-01-01T00:00:00Z", or "@<seconds>" when the time has no calendar date. */
export function describeTime(seconds: number): string {
  return isPlausibleTime(seconds) ? new Date(seconds * 1000).toISOString().replace('.000Z', 'Z') : `@${seconds}`;
}

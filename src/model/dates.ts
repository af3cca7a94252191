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

/** How far a commit may be dated after the clock of the machine checking it (clock skew). */
export const FUTURE_TOLERANCE = 86_400;

export interface DatedCommit {
  commit: string;
  parents: readonly string[];
  /** Committer time as written in the commit, seconds. */
  time: number;
}

/**
 * Times that forged dates cannot move backwards: a commit cannot be older than what it builds
 * on, so each commit's time is at least its parents' (taken in ancestry order, not date order),
 * and no time is later than `now` plus a day. Backdating an AI commit under a human one no
 * longer moves its lines out of a budget window, and a future date cannot push the window's end
 * past the others. Dates more than a day before a parent's, or after `now`, are flagged.
 */
export function arrivalTimes(commits: readonly DatedCommit[], now: number): { times: Map<string, number>; flags: { commit: string; message: string }[] } {
  const byId = new Map(commits.map((commit) => [commit.commit, commit]));
  const times = new Map<string, number>();
  const flags: { commit: string; message: string }[] = [];
  const latest = now + FUTURE_TOLERANCE;
  for (const start of commits) {
    if (times.has(start.commit)) continue;
    // Iterative depth-first walk: parents get their time before their children.
    const stack: { commit: DatedCommit; expanded: boolean }[] = [{ commit: start, expanded: false }];
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (times.has(top.commit.commit)) {
        stack.pop();
        continue;
      }
      if (!top.expanded) {
        top.expanded = true;
        for (const parent of top.commit.parents) {
          const known = byId.get(parent);
          if (known && !times.has(parent)) stack.push({ commit: known, expanded: false });
        }
        continue;
      }
      stack.pop();
      const { commit, parents, time } = top.commit;
      const floor = Math.max(0, ...parents.map((parent) => times.get(parent) ?? 0));
      const own = plausibleTime(time);
      if (own > latest)
        flags.push({ commit, message: `${commit.slice(0, 12)} is dated ${describeTime(time)}, in the future; budgets count it at the time of the check` });
      else if (own + FUTURE_TOLERANCE < floor)
        flags.push({
          commit,
          message: `${commit.slice(0, 12)} is dated ${describeTime(time)}, before its parent (${describeTime(floor)}); budgets count it at its parent's time`,
        });
      times.set(commit, Math.min(Math.max(own, floor), latest));
    }
  }
  return { times, flags };
}

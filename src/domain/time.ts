// Deadlines are calendar days in UTC (spec §5). A "day" is exactly 24 h: UTC has no DST, so
// adding N days never lands on a different wall-clock hour and tests can assert exact instants.

export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/**
 * Days left before `due`, as shown in the Status column (R25, R31): ceil(remaining / 24 h),
 * never below 0. Ceil, so that a window with 29 days and 1 hour left still reads "30 days" on
 * the day it was opened and "1 day" until the very last millisecond.
 */
export function daysLeft(due: Date, now: Date): number {
  const remaining = due.getTime() - now.getTime();
  return remaining <= 0 ? 0 : Math.ceil(remaining / DAY_MS);
}

/**
 * A window is open strictly before its deadline: at deadline − 1 s an action works, at the
 * deadline itself it is already refused (quality §3.12). Every rule uses this one comparison so
 * the edge is the same everywhere.
 */
export function isOpen(due: Date, now: Date): boolean {
  return now.getTime() < due.getTime();
}

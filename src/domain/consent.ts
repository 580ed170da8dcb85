// Timing rules around consent emails that are not status changes (R29, §4.3 "Beyond Partner
// Center"). The status side (resend only while pending and open) is in the transition table.

import { addDays, HOUR_MS } from './time.ts';

/** R29: at most one resend per record per hour. */
export const RESEND_COOLDOWN_MS = HOUR_MS;

/**
 * R29: seconds to wait before the next resend (the Retry-After of the 429), 0 when allowed.
 * Rounded up so that a client waiting exactly that long is never refused again.
 */
export function resendRetryAfterSeconds(lastSentAt: Date | null, now: Date): number {
  if (lastSentAt === null) return 0;
  const wait = lastSentAt.getTime() + RESEND_COOLDOWN_MS - now.getTime();
  return wait <= 0 ? 0 : Math.ceil(wait / 1000);
}

/** §4.3: automatic reminders, in days before the consent deadline (configurable per engagement). */
export const DEFAULT_CONSENT_REMINDER_DAYS: readonly number[] = [7, 2];

/** §4.3: the partner is notified this many days before any deadline. */
export const DEADLINE_NOTICE_DAYS = 3;

/**
 * When the reminders for a deadline fall due: `daysBefore` before it, latest last, skipping
 * those that would fall before `from` (a window shorter than the reminder offset).
 */
export function reminderTimes(due: Date, daysBefore: readonly number[], from: Date): Date[] {
  return [...new Set(daysBefore)]
    .filter((days) => days > 0)
    .sort((a, b) => b - a)
    .map((days) => addDays(due, -days))
    .filter((at) => at.getTime() >= from.getTime());
}

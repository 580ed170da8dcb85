// Timing rules around consent emails that are not status changes (R29, §4.3 "Beyond Partner
// Center"). The status side (resend only while pending and open) is in the transition table.

import { FREE_MAIL_DOMAINS } from './identifiers.ts';
import { addDays, HOUR_MS } from './time.ts';

/** R29: at most one resend per record per hour. */
const RESEND_COOLDOWN_MS = HOUR_MS;

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

/** Why a customer contact cannot give consent (R34), most specific first. */
export type ConsentContactRefusal = 'contactAtPartnerDomain' | 'contactAtFreeMail' | 'contactOutsideCustomer';

/**
 * R34, consent comes from the customer: the contact's address must be at one of the customer tenant's
 * domains known to the directory; never at the partner's own domains or at a free-mail domain.
 */
export function consentContactRefusal(
  domain: string,
  facts: { partnerDomains: ReadonlySet<string>; customerOwnsDomain: boolean },
): ConsentContactRefusal | null {
  const d = domain.toLowerCase();
  if (facts.partnerDomains.has(d)) return 'contactAtPartnerDomain';
  if (FREE_MAIL_DOMAINS.has(d)) return 'contactAtFreeMail';
  if (!facts.customerOwnsDomain) return 'contactOutsideCustomer';
  return null;
}

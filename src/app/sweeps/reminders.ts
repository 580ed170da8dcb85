import { DEADLINE_NOTICE_DAYS } from '../../domain/consent.ts';
import { AWAITING_CONSENT, boundedBy } from '../../domain/lifecycle-sets.ts';
import { addDays, daysLeft } from '../../domain/time.ts';
import type { DeadlineColumn } from '../../domain/transitions.ts';
import { sendConsentEmail } from '../consent/consent-requests.ts';
import { newSecret } from '../ids.ts';
import { type Notice, notifyPartners } from '../notifications/notify-partner.ts';
import type { AppContext } from '../ports.ts';
import { SYSTEM_SCOPE } from '../store/scope.ts';
import type { DeadlineSoon } from '../store/sweeps.ts';

// Reminders (spec §4.3 "Beyond Partner Center"):
// - the customer gets a consent reminder N days before the consent deadline (the engagement's
//   reminder_days, default 7 and 2); after a pause, reminders that fell due together send one email;
// - the partner gets a notice DEADLINE_NOTICE_DAYS before any of its deadlines (consent, claim,
//   dispute).
// Both are claimed with conditional updates / unique dedupe keys, so two sweeps never send twice.
// They act across partners (SYSTEM_SCOPE).

const BATCH = 500;
const NOTICE_BATCH = 5000;

export async function sendCustomerReminders(ctx: AppContext): Promise<number> {
  let sent = 0;
  for (;;) {
    const now = ctx.clock.now();
    const count = await ctx.store.transaction(async (tx) => {
      const due = await tx.sweeps.dueReminders(SYSTEM_SCOPE, AWAITING_CONSENT, now, BATCH);
      let claimed = 0;
      for (const { requestId, days } of due) {
        // Claim: only the sweep whose update finds none of these days marked sends the email.
        if (!(await tx.sweeps.claimReminder(SYSTEM_SCOPE, requestId, days))) continue;
        await sendConsentEmail(
          tx,
          ctx,
          requestId,
          newSecret(),
          'consentReminder',
          now,
          `reminder:${requestId}:${Math.min(...days)}`,
        );
        claimed += 1;
      }
      return { picked: due.length, claimed };
    });
    sent += count.claimed;
    if (count.picked < BATCH) break;
  }
  return sent;
}

/** The deadlines the partner hears of in advance; each notices the statuses it bounds. */
const NOTICE_DEADLINES = [
  { kind: 'consent', column: 'consentDueAt' },
  { kind: 'claim', column: 'claimDueAt' },
  { kind: 'dispute', column: 'disputeDueAt' },
] as const satisfies readonly { kind: string; column: DeadlineColumn }[];

type NoticeDeadline = (typeof NOTICE_DEADLINES)[number];

export async function sendDeadlineNotices(ctx: AppContext): Promise<number> {
  let sent = 0;
  for (const deadline of NOTICE_DEADLINES) {
    const now = ctx.clock.now();
    const horizon = addDays(now, DEADLINE_NOTICE_DAYS);
    sent += await ctx.store.transaction(async (tx) => {
      const soon = await tx.sweeps.deadlinesSoon(
        SYSTEM_SCOPE,
        {
          column: deadline.column,
          statuses: boundedBy(deadline.column),
          noticeKeySuffix: keySuffix(deadline),
        },
        { now, horizon },
        NOTICE_BATCH,
      );
      await notifyPartners(
        tx,
        ctx,
        soon.map((s) => deadlineNotice(deadline, s, now)),
        now,
      );
      return soon.length;
    });
  }
  return sent;
}

/** One notice per record and deadline, ever: the dedupe key ends with this. */
const keySuffix = (deadline: NoticeDeadline) => `:deadlineSoon:${deadline.kind}`;

function deadlineNotice(deadline: NoticeDeadline, soon: DeadlineSoon, now: Date): Notice {
  return {
    nominationId: soon.nominationId,
    kind: 'deadlineSoon',
    dedupeKey: `${soon.nominationId}${keySuffix(deadline)}`,
    params: {
      deadlineKind: deadline.kind,
      deadline: soon.due.toISOString(),
      daysLeft: daysLeft(soon.due, now),
    },
  };
}

import { z } from 'zod';
import { Id } from './common.ts';

// Development and demo aids: the embedded mailbox (only when no SMTP_URL is set) and the test clock
// (only when MCI_TEST_CLOCK=1). Both answer 404 when they are off.

export const MailboxMessage = z
  .object({
    id: Id,
    messageId: z.string(),
    template: z.string(),
    locale: z.string(),
    to: z.string(),
    toName: z.string().nullable(),
    subject: z.string().nullable(),
    text: z.string().nullable(),
    html: z.string().nullable(),
    /** Absolute links found in the message (e.g. the consent page). */
    links: z.array(z.string()),
    status: z.enum(['queued', 'rendered', 'sent', 'failed']),
    createdAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'MailboxMessage' });
export type MailboxMessage = z.infer<typeof MailboxMessage>;

export const MailboxQuery = z.strictObject({
  to: z.string().trim().max(254).optional(),
  maxpagesize: z.coerce.number().int().min(1).max(200).default(50),
});
export const Mailbox = z.object({ value: z.array(MailboxMessage) });

/** ISO 8601 duration, days/hours/minutes/seconds only, e.g. P31D, PT1H, P1DT12H; positive, at most P400D (R36). */
export const TestClockAdvance = z.strictObject({
  advance: z.string().max(40),
});
export const TestClock = z.object({ now: z.iso.datetime(), offsetMs: z.number().int() });

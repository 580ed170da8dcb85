import { z } from 'zod';
import { Id } from './common.ts';
import { Countdown, RowAction } from './customers.ts';

// The action centre, the partner's home (issue 15): counts by status, deadlines of the next 14 days,
// what ended in the last 30 days, and payout, across the workshops of the user's locations.

const Party = {
  engagement: z.object({ id: Id, name: z.string() }),
  customer: z.object({ tenantId: Id, name: z.string() }),
};

const DashboardDeadline = z.object({
  nominationId: Id,
  ...Party,
  status: z.string(),
  /** Which countdown: consent, claim (first submission), resubmit (information asked), review, dispute. */
  kind: Countdown,
  deadline: z.iso.datetime(),
  daysLeft: z.number().int(),
  /** What the row's button does: the Customers table's action for the record (none while the operator reviews). */
  action: RowAction.nullable(),
});

const DashboardEnded = z.object({
  nominationId: Id,
  ...Party,
  /** How it ended: consent_declined, consent_expired, superseded, rejected_final or an expired claim. */
  status: z.string(),
  at: z.iso.datetime(),
  /** The operator's comment where an operator's decision ended it. */
  reason: z.string().optional(),
});

const DashboardPayout = z.object({
  currency: z.string(),
  /** Minor units (cents): records in flight at their payout (taken at consent, else today's rate). */
  expected: z.number().int(),
  /** Minor units (cents): approved workshops. */
  approved: z.number().int(),
});

export const Dashboard = z
  .object({
    /** Records per status, as the Customers lists of every workshop show them. */
    counts: z.record(z.string(), z.number().int()),
    deadlines: z.array(DashboardDeadline),
    recentlyEnded: z.array(DashboardEnded),
    /** One entry per currency the partner's workshops pay in. */
    payout: z.array(DashboardPayout),
  })
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof Dashboard>;

import { z } from 'zod';
import { Id, StatusList } from './common.ts';
import { Reason } from './engagements.ts';
import { STATUSES_OF_TAB } from './lifecycle.ts';
import { CUSTOMER_SORTS, CUSTOMER_TABS } from './values.ts';

// The Customers page of one engagement (spec §3, R3–R8).
export const CustomerTab = z.enum(CUSTOMER_TABS);
export type CustomerTab = z.infer<typeof CustomerTab>;

export const CustomerSort = z.enum(CUSTOMER_SORTS);
export type CustomerSort = z.infer<typeof CustomerSort>;

export const RowAction = z.enum([
  'claimCustomer',
  'triggerConsent',
  'resendConsent',
  'submitWorkshopClaim',
  'continueWorkshopClaim',
  'viewWorkshopClaim',
]);
export type RowAction = z.infer<typeof RowAction>;

const IneligibleReasonCode = z.enum([
  'criteriaNotMet',
  'consentedToOtherPartner',
  'completedWithOtherPartner',
]);

/** What a countdown counts down to, as the partner reads it (src/domain/lifecycle-sets.ts partnerCountdown). */
export const Countdown = z.enum(['consent', 'claim', 'resubmit', 'review', 'dispute']);

export const CustomerRow = z
  .object({
    customerId: Id.meta({ description: 'The tenant ID of the customer.' }),
    name: z.string(),
    tenantId: Id,
    tpid: z.number().int().nullable(),
    domain: z.string().nullable(),
    /** The record on this engagement, when there is one (claim candidates have none yet). */
    nominationId: Id.nullable(),
    location: z.object({ id: Id, mpnId: z.string(), name: z.string() }).nullable(),
    /** R6: `active` once consent was received, else `notStarted`; null off the Eligible tab. */
    type: z.enum(['active', 'notStarted']).nullable(),
    /** The record's lifecycle status, or `candidate` for a known customer not yet claimed (R4, R18). */
    status: z.string(),
    /**
     * R25/S2: what the countdown counts down to, its deadline and the days left (ceil, never < 0);
     * `resubmit` while the operator waits for more information (the review deadline, as the partner's).
     */
    countdown: Countdown.nullable(),
    deadline: z.iso.datetime().nullable(),
    daysLeft: z.number().int().nullable(),
    actions: z.array(RowAction),
    /** Ineligible tab: exactly one reason (R7); the other partner is never named. */
    ineligibleReason: z
      .object({ code: IneligibleReasonCode, message: z.string(), failedCriteria: z.array(Reason).optional() })
      .nullable(),
    /** Complete tab: the outcome (approved, rejected_final, …) and the workshop claim. */
    outcome: z.string().nullable(),
    claimId: Id.nullable(),
    /** Delivery of the latest consent email while consent is pending; `failed` shows "email failed – resend". */
    consentEmail: z.enum(['queued', 'sent', 'failed']).nullable(),
  })
  .meta({ id: 'CustomerRow' });
export type CustomerRow = z.infer<typeof CustomerRow>;

/**
 * Issue 15: the filters of the list and the export. `locationId` keeps the rows of one location (candidates
 * have none, so it hides them; a location that is not the partner's lists nothing, as an unknown one);
 * `status` keeps rows in the comma-separated statuses, each one the tab can show (STATUSES_OF_TAB).
 * The tab counts do not follow them (they count the tab with its search).
 */
const CustomerFilters = {
  locationId: Id.optional(),
  status: StatusList(
    `Comma-separated row statuses of the tab: ${Object.entries(STATUSES_OF_TAB)
      .map(([tab, statuses]) => `${tab}: ${statuses.join(', ')}`)
      .join('; ')}.`,
  ),
};

export const CustomerListQuery = z.strictObject({
  tab: CustomerTab.default('eligible'),
  search: z.string().trim().max(200).optional(),
  ...CustomerFilters,
  sort: CustomerSort.default('name'),
  maxpagesize: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(1000).optional(),
});
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;

export const CustomerList = z
  .object({ value: z.array(CustomerRow), nextLink: z.string().optional() })
  .meta({ id: 'CustomerList' });

export const CustomerCountsQuery = z.strictObject({ search: z.string().trim().max(200).optional() });
export const CustomerCounts = z.object({
  eligible: z.number().int(),
  ineligible: z.number().int(),
  complete: z.number().int(),
});

export const CustomerExportQuery = z.strictObject({
  tab: CustomerTab.default('eligible'),
  search: z.string().trim().max(200).optional(),
  ...CustomerFilters,
  sort: CustomerSort.default('name'),
});

/** Issue 15: the partner's customers across workshops, by name, domain, tenant ID or TPID (at most 50). */
export const CustomerSearchQuery = z.strictObject({ search: z.string().trim().max(200).optional() });
export const CustomerSearchResult = z
  .object({
    value: z.array(
      z.object({
        tenantId: Id,
        name: z.string(),
        domain: z.string().nullable(),
        tpid: z.number().int().nullable(),
        /** The workshops the customer shows on for this user, with its status (or `candidate`) there. */
        workshops: z.array(
          z.object({
            engagement: z.object({ id: Id, name: z.string() }),
            nominationId: Id.nullable(),
            status: z.string(),
            tab: CustomerTab,
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'CustomerSearchResult' });
export type CustomerSearchResult = z.infer<typeof CustomerSearchResult>;

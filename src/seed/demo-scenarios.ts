import type { EventType } from '../domain/lifecycle.ts';
import type { NominationStatus } from '../domain/status.ts';
import type { EngagementCode, LocationKey, PartnerKey, TenantKey, UserKey } from './demo-catalogue.ts';
import { demoId } from './ids.ts';

// The demo's engagement customers, each written as the history that led to its status: the
// timeline builder (demo-timeline.ts) replays the steps through the lifecycle's decide() (spec §5),
// so every deadline column, consent request, workshop claim, review and audit event is consistent
// by construction, and the status reached is checked against `expect`.
//
// Times are in days relative to the seeding moment `now` (negative = in the past), so that
// "N days left" reads the same on any day the demo is loaded. Sweeps (the expiries) take no time:
// they happen 10 minutes after the deadline they enforce, as the sweeper would.

/**
 * A step of a history: an event of the lifecycle (src/domain/transitions.ts), or `startClaim` (the
 * partner opens the workshop claim as a draft; no change of status). A contact change is not replayed:
 * the demo has no second contact to change to.
 */
type DemoEvent = Exclude<EventType, 'updateConsentContact'> | 'startClaim';
/** [event, day]; a sweep is written without a day (the timeline refuses a day on it). */
export type Step = readonly [DemoEvent, number] | readonly [DemoEvent];

export type PoeKind = 'findingsReport' | 'invoice' | 'partnerSurvey' | 'customerSurvey';

export interface Scenario {
  partner: PartnerKey;
  location: LocationKey;
  engagement: EngagementCode;
  tenant: TenantKey;
  origin: 'add' | 'claim';
  /** The partner user who added or claimed the customer and acted for the partner afterwards. */
  by: UserKey;
  /** Day of the add / claim. */
  claimedAt: number;
  steps: readonly Step[];
  /** The status the steps must reach (checked when seeding). */
  expect: NominationStatus;
  /** POE items done on a workshop claim that was started but never submitted. */
  draftItems?: readonly PoeKind[];
  /** For adds: the email entered (default: the customer contact's address). */
  customerEmail?: string;
  /** R14: the reason given when the email's domain does not belong to the tenant. */
  mismatchReason?: string;
  /** What the record shows in the demo (for the README and the e2e tests). */
  note: string;
}

/** The id of a demo engagement customer. */
export function demoNominationId(partner: PartnerKey, engagement: EngagementCode, tenant: TenantKey): string {
  return demoId(`nomination:${partner}/${engagement}/${tenant}`);
}

const TREY = { partner: 'trey', location: 'trey-seattle', by: 'ada' } as const;
const TREY_WARSAW = { partner: 'trey', location: 'trey-warsaw', by: 'ben' } as const;
const PROSEWARE = { partner: 'proseware', location: 'proseware-chicago', by: 'dan' } as const;
const PROSEWARE_SE = { partner: 'proseware', location: 'proseware-stockholm', by: 'dan' } as const;

// A submitted claim's usual path up to the operator's decision.
const submitted = (consent: number, start: number, submit: number) =>
  [
    ['requestConsent', consent - 3],
    ['acceptConsent', consent],
    ['startClaim', start],
    ['submitClaim', submit],
  ] as const;

export const SCENARIOS: readonly Scenario[] = [
  // ── Trey Research on the showcase workshop (SEC-WS): one record per §5 status ──
  {
    ...TREY,
    engagement: 'SEC-WS',
    tenant: 'tailspin',
    origin: 'add',
    claimedAt: -2.2,
    steps: [],
    expect: 'claimed',
    note: 'Eligible, not started, 28 days left; action Trigger customer consent',
  },
  {
    ...TREY,
    engagement: 'SEC-WS',
    tenant: 'wideworld',
    origin: 'add',
    claimedAt: -12,
    steps: [
      ['requestConsent', -11.8],
      ['resendConsent', -4],
    ],
    expect: 'consent_pending',
    note: 'Eligible, consent pending (Swedish contact), 18 days left; Proseware also has it pending',
  },
  {
    ...TREY_WARSAW,
    engagement: 'SEC-WS',
    tenant: 'woodgrove-uk',
    origin: 'add',
    claimedAt: -6,
    customerEmail: 'procurement@woodgrove.com',
    mismatchReason: 'Group procurement in the US signs workshop agreements for the UK subsidiary.',
    steps: [['requestConsent', -5.9]],
    expect: 'consent_pending',
    note: 'Warsaw (Ben): consent pending, added with a domain/tenant mismatch reason (R14)',
  },
  {
    ...TREY,
    engagement: 'SEC-WS',
    tenant: 'coho',
    origin: 'add',
    claimedAt: -21,
    steps: [
      ['requestConsent', -20.9],
      ['declineConsent', -17],
    ],
    expect: 'consent_declined',
    note: 'Hidden (added, then declined); notification to Ada',
  },
  {
    ...TREY,
    engagement: 'SEC-WS',
    tenant: 'litware',
    origin: 'claim',
    claimedAt: -44,
    steps: [['requestConsent', -43.5], ['expireConsent']],
    expect: 'consent_expired',
    note: 'Claimed, consent window passed: claim candidate again (R30)',
  },
  {
    ...TREY,
    engagement: 'SEC-WS',
    tenant: 'relecloud',
    origin: 'add',
    claimedAt: -22,
    steps: [
      ['requestConsent', -21.8],
      ['supersede', -9.6],
    ],
    expect: 'superseded',
    note: 'Ineligible: consentedToOtherPartner (Proseware’s consent won)',
  },
  {
    ...TREY,
    engagement: 'SEC-WS',
    tenant: 'adventureworks',
    origin: 'claim',
    claimedAt: -40,
    steps: [
      ['requestConsent', -39.9],
      ['acceptConsent', -36.5],
      ['startClaim', -20],
    ],
    draftItems: ['findingsReport'],
    expect: 'active',
    note: 'Eligible, active, 54 days left to submit; draft claim (findings uploaded): Continue workshop claim',
  },
  {
    ...TREY,
    engagement: 'SEC-WS',
    tenant: 'alpine',
    origin: 'add',
    claimedAt: -72,
    steps: [...submitted(-68, -40, -2)],
    expect: 'claim_submitted',
    note: 'Eligible, claim submitted 2 days ago',
  },
  {
    ...TREY,
    engagement: 'SEC-WS',
    tenant: 'lucerne',
    origin: 'add',
    claimedAt: -82,
    steps: [...submitted(-77, -50, -12), ['startReview', -9]],
    expect: 'under_review',
    note: 'Eligible, under review (Olga’s queue)',
  },
  {
    ...TREY,
    engagement: 'SEC-WS',
    tenant: 'margies',
    origin: 'add',
    claimedAt: -88,
    steps: [...submitted(-84, -60, -25), ['startReview', -21], ['requestInfo', -5]],
    expect: 'action_required',
    note: 'Eligible, action required: operator asked for more information',
  },
  {
    ...TREY_WARSAW,
    engagement: 'SEC-WS',
    tenant: 'graphicdesign',
    origin: 'add',
    claimedAt: -86,
    steps: [...submitted(-82, -60, -45), ['startReview', -40], ['reject', -22], ['dispute', -6]],
    expect: 'disputed',
    note: 'Warsaw (Ben): rejected, then disputed; awaiting the operator',
  },
  {
    ...TREY,
    engagement: 'SEC-WS',
    tenant: 'humongous',
    origin: 'add',
    claimedAt: -160,
    steps: [...submitted(-152, -120, -80), ['startReview', -70], ['approve', -48]],
    expect: 'approved',
    note: 'Complete: approved, payout 5,000.00 USD (market A)',
  },
  {
    ...TREY,
    engagement: 'SEC-WS',
    tenant: 'blueyonder',
    origin: 'add',
    claimedAt: -75,
    steps: [...submitted(-70, -50, -30), ['startReview', -25], ['reject', -8]],
    expect: 'rejected',
    note: 'Eligible, rejected: 22 days left to dispute',
  },
  {
    ...TREY,
    engagement: 'SEC-WS',
    tenant: 'vanarsdel',
    origin: 'add',
    claimedAt: -140,
    steps: [
      ...submitted(-133, -110, -100),
      ['startReview', -95],
      ['reject', -85],
      ['dispute', -70],
      ['startReview', -66],
      ['reject', -62],
    ],
    expect: 'rejected_final',
    note: 'Complete: rejected after a dispute (final)',
  },
  {
    ...TREY,
    engagement: 'SEC-WS',
    tenant: 'wingtip',
    origin: 'add',
    claimedAt: -110,
    steps: [['requestConsent', -109.9], ['acceptConsent', -104], ['startClaim', -80], ['expireClaim']],
    draftItems: ['partnerSurvey'],
    expect: 'not_submitted_expired',
    note: 'Complete: claim not submitted within 90 days',
  },
  {
    ...TREY,
    engagement: 'SEC-WS',
    tenant: 'southridge',
    origin: 'add',
    claimedAt: -140,
    steps: [...submitted(-135, -100, -70), ['startReview', -60], ['expireReview']],
    expect: 'post_submission_expired',
    note: 'Complete: review not finished within 120 days of consent',
  },
  {
    ...TREY,
    engagement: 'SEC-WS',
    tenant: 'consolidated',
    origin: 'add',
    claimedAt: -135,
    steps: [...submitted(-130, -110, -100), ['startReview', -95], ['reject', -75], ['expireDispute']],
    expect: 'dispute_expired',
    note: 'Complete: rejected, not disputed within 30 days',
  },
  {
    ...TREY,
    engagement: 'SEC-WS',
    tenant: 'firstup',
    origin: 'add',
    claimedAt: -70,
    steps: [
      ['requestConsent', -69.9],
      ['acceptConsent', -65],
      ['startClaim', -45],
      ['cancelClaim', -20],
    ],
    draftItems: ['findingsReport', 'invoice'],
    expect: 'cancelled',
    note: 'Complete: cancelled by the partner before submitting',
  },

  // ── Trey Research on other workshops: pre-populate the showcase (R4, R18) ──
  {
    ...TREY,
    engagement: 'INF-MIG',
    tenant: 'northwind',
    origin: 'add',
    claimedAt: -30,
    steps: [
      ['requestConsent', -29.9],
      ['acceptConsent', -24],
    ],
    expect: 'active',
    note: 'Consented to Trey for another workshop → claim candidate on SEC-WS',
  },
  {
    ...TREY,
    engagement: 'DAI-ENV',
    tenant: 'datum',
    origin: 'add',
    claimedAt: -5,
    steps: [],
    expect: 'claimed',
    note: 'Known to Trey through another workshop → claim candidate on SEC-WS',
  },
  {
    ...TREY,
    engagement: 'MW-COP',
    tenant: 'litware',
    origin: 'add',
    claimedAt: -200,
    steps: [...submitted(-195, -160, -130), ['startReview', -125], ['approve', -110]],
    expect: 'approved',
    note: 'Makes Litware a claim candidate on SEC-WS',
  },
  {
    ...TREY,
    engagement: 'MW-COP',
    tenant: 'fourthcoffee',
    origin: 'add',
    claimedAt: -9,
    steps: [['requestConsent', -8.5]],
    expect: 'consent_pending',
    note: 'Makes Fourth Coffee (25 seats) Ineligible on SEC-WS: criteriaNotMet (seats)',
  },
  {
    ...TREY,
    engagement: 'DAI-ENV',
    tenant: 'citypower',
    origin: 'add',
    claimedAt: -50,
    steps: [
      ['requestConsent', -49.8],
      ['acceptConsent', -45],
    ],
    expect: 'active',
    note: 'Makes City Power & Light Ineligible on SEC-WS: completedWithOtherPartner (Proseware approved)',
  },
  {
    ...TREY,
    engagement: 'MW-EPM',
    tenant: 'adventureworks',
    origin: 'add',
    claimedAt: -260,
    steps: [...submitted(-255, -230, -200), ['startReview', -190], ['approve', -180]],
    expect: 'approved',
    note: 'Approved without a customer survey (MW-EPM does not require one)',
  },
  {
    ...TREY,
    engagement: 'MW-W11',
    tenant: 'tailwind',
    origin: 'add',
    claimedAt: -70,
    steps: [
      ['requestConsent', -69.5],
      ['acceptConsent', -60],
    ],
    expect: 'active',
    note: 'Runs on an expired engagement (continues to its deadline); claim candidate on SEC-WS',
  },
  {
    ...TREY_WARSAW,
    engagement: 'MW-COP',
    tenant: 'bellows',
    origin: 'add',
    claimedAt: -1.5,
    steps: [],
    expect: 'claimed',
    note: 'Warsaw (Ben): just added; claim candidate on SEC-WS',
  },
  {
    ...TREY_WARSAW,
    engagement: 'SEC-TP',
    tenant: 'nod',
    origin: 'add',
    claimedAt: -33,
    steps: [
      ['requestConsent', -32.8],
      ['acceptConsent', -28],
    ],
    expect: 'active',
    note: 'Warsaw (Ben): active; Nod (60 seats) is Ineligible on SEC-WS: criteriaNotMet',
  },
  {
    partner: 'trey',
    location: 'trey-sao-paulo',
    by: 'ada',
    engagement: 'MW-COP',
    tenant: 'lamna',
    origin: 'add',
    claimedAt: -4,
    steps: [['requestConsent', -3.9]],
    expect: 'consent_pending',
    note: 'São Paulo: consent pending (the location is eligible for Modern Work only)',
  },
  // ── Proseware ──
  {
    ...PROSEWARE,
    engagement: 'SEC-WS',
    tenant: 'relecloud',
    origin: 'add',
    claimedAt: -27,
    steps: [
      ['requestConsent', -26.5],
      ['acceptConsent', -9.6],
    ],
    expect: 'active',
    note: 'Relecloud consented to Proseware first: Trey’s record superseded',
  },
  {
    ...PROSEWARE,
    engagement: 'SEC-WS',
    tenant: 'citypower',
    origin: 'add',
    claimedAt: -210,
    steps: [...submitted(-200, -170, -140), ['startReview', -130], ['approve', -115]],
    expect: 'approved',
    note: 'City Power & Light took SEC-WS with Proseware',
  },
  {
    ...PROSEWARE_SE,
    engagement: 'SEC-WS',
    tenant: 'wideworld',
    origin: 'add',
    claimedAt: -7,
    steps: [['requestConsent', -6.5]],
    expect: 'consent_pending',
    note: 'Pending at Proseware and at Trey: the first acceptance wins',
  },
  {
    ...PROSEWARE,
    engagement: 'SEC-TP',
    tenant: 'woodgrove',
    origin: 'add',
    claimedAt: -40,
    steps: [
      ['requestConsent', -39],
      ['acceptConsent', -35],
    ],
    expect: 'active',
    note: 'Proseware active',
  },
  {
    ...PROSEWARE,
    engagement: 'INF-MIG',
    tenant: 'humongous',
    origin: 'add',
    claimedAt: -80,
    steps: [...submitted(-70, -40, -5)],
    expect: 'claim_submitted',
    note: 'Proseware claim submitted (in Olga’s review queue)',
  },
  {
    ...PROSEWARE,
    engagement: 'MW-EPM',
    tenant: 'munson',
    origin: 'add',
    claimedAt: -3,
    steps: [],
    expect: 'claimed',
    note: 'Proseware just added',
  },
];

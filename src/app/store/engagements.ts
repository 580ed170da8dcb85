import type { Availability, CustomerCriterion, PartnerCriteria } from '../../domain/eligibility.ts';
import type { Windows } from '../../domain/lifecycle.ts';

// The engagement catalogue (spec §2, §4.5).

type EngagementKind = 'workshop' | 'deployment' | 'consumption';
export type PoeItemKind = 'findingsReport' | 'invoice' | 'partnerSurvey' | 'customerSurvey';

export interface Engagement {
  id: string;
  code: string;
  name: string;
  kind: EngagementKind;
  solutionArea: string;
  availability: Availability;
  description: string;
  partnerCriteria: PartnerCriteria;
  customerCriteria: CustomerCriterion[];
  /** Which proof-of-execution items a claim needs (every item is required unless set to false). */
  poeRequirements: Record<PoeItemKind, boolean>;
  /** The windows new deadlines are granted from (changing them never moves granted ones). */
  windows: Windows;
  reminderDays: number[];
  currency: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface EngagementFilters {
  ids?: readonly string[];
  solutionArea?: string | undefined;
  availability?: Availability | undefined;
  kind?: EngagementKind | undefined;
}

export type Market = 'A' | 'B' | 'C';
/** Payout per market in minor units; on a change, null removes a market's rate and absent keeps it. */
export type Rates = Partial<Record<Market, number | null>>;

/** What the operator edits (§4.5); windows apply to deadlines granted from then on (§5). */
export interface EngagementFields {
  name: string;
  description: string;
  solutionArea: string;
  availability: Availability;
  consentWindowDays: number;
  claimWindowDays: number;
  reviewWindowDays: number;
  disputeWindowDays: number;
  reminderDays: number[];
  partnerCriteria: PartnerCriteria;
  customerCriteria: CustomerCriterion[];
  poeRequirements: Record<PoeItemKind, boolean>;
  currency: string;
}

interface NewEngagement extends EngagementFields {
  id: string;
  code: string;
  kind: EngagementKind;
  createdAt: Date;
}

export interface EngagementRepository {
  /** The catalogue, by name, filtered. */
  list(filters: EngagementFilters): Promise<Engagement[]>;
  get(id: string): Promise<Engagement | undefined>;
  /** Payout rates by market (A/B/C), in minor units of the engagement's currency. */
  rates(id: string): Promise<{ market: Market; amountMinor: number }[]>;
  /** The rates of these engagements (the operator's catalogue), by engagement. */
  ratesOf(ids: readonly string[]): Promise<Map<string, { market: Market; amountMinor: number }[]>>;
  /** Loads and locks (FOR UPDATE) one engagement for an edit. */
  lock(id: string): Promise<Engagement | undefined>;
  /** Creates an engagement; false when its code is taken (the unique index decides races too). */
  create(engagement: NewEngagement): Promise<boolean>;
  update(id: string, changes: Partial<EngagementFields>, at: Date): Promise<void>;
  setRates(id: string, rates: Rates): Promise<void>;
  /**
   * The partners whose Customers page rows of this workshop a change of its criteria may change: those
   * with rows on it, and every partner with a record (its known customers are the workshop's candidates).
   */
  partnersWithRowsOrRecords(engagementId: string): Promise<string[]>;
}

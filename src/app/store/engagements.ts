import type { Availability, CustomerCriterion, PartnerCriteria } from '../../domain/eligibility.ts';
import type { Windows } from '../../domain/lifecycle.ts';

// The engagement catalogue (spec §2, §4.5).

export type EngagementKind = 'workshop' | 'deployment' | 'consumption';
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
}

export interface EngagementFilters {
  ids?: readonly string[];
  solutionArea?: string | undefined;
  availability?: Availability | undefined;
  kind?: EngagementKind | undefined;
}

export interface EngagementRepository {
  /** The catalogue, by name, filtered. */
  list(filters: EngagementFilters): Promise<Engagement[]>;
  get(id: string): Promise<Engagement | undefined>;
  /** Payout rates by market (A/B/C), in minor units of the engagement's currency. */
  rates(id: string): Promise<{ market: 'A' | 'B' | 'C'; amountMinor: number }[]>;
}

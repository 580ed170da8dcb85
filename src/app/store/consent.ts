import type { NominationStatus } from '../../domain/status.ts';
import type { Locale } from '../../i18n/locales.ts';

// Consent requests and their single-purpose links (spec §4.3, ADR 0010).

interface Contact {
  name: string;
  email: string;
  phone: string | null;
}

export interface ConsentRequestRecord {
  id: string;
  nominationId: string;
  customer: Contact & { locale: Locale };
  partnerContact: Contact;
  lastSentAt: Date;
  sendCount: number;
  remindersSent: number[];
  emailStatus: 'queued' | 'sent' | 'failed';
  decision: 'accept' | 'decline' | null;
  decidedAt: Date | null;
}

interface NewConsentRequest {
  id: string;
  nominationId: string;
  partnerId: string;
  customer: Contact & { locale: Locale };
  partnerContact: Contact;
  expiresAt: Date;
  createdAt: Date;
  sendCount: number;
  remindersSent: number[];
  /** The hash of the request's first link (every link, this one too, is added with addLink). */
  firstLinkHash: string;
}

/** A request with what its record says now (the partner's view of the consent). */
export interface ConsentRequestState extends ConsentRequestRecord {
  status: NominationStatus;
  consentDueAt: Date;
}

/** What a consent email says: the people, the workshop, the deadline. */
interface ConsentEmailFacts {
  nominationId: string;
  partnerId: string;
  customer: Contact & { locale: Locale };
  partnerContact: Contact;
  sendCount: number;
  consentDueAt: Date;
  workshop: { name: string; description: string };
  customerName: string;
  partnerName: string;
}

/** What the customer's page needs behind a link (never anything about another partner). */
export interface ConsentLinkView {
  requestId: string;
  nominationId: string;
  voided: boolean;
  decision: 'accept' | 'decline' | null;
  customer: { name: string; locale: string };
  partnerContact: { name: string; email: string };
  status: NominationStatus;
  consentDueAt: Date;
  claimDueAt: Date | null;
  workshop: { name: string; description: string };
  customerName: string;
  partnerName: string;
}

export interface ConsentRepository {
  /** The record's current request (not voided), if any. */
  current(nominationId: string): Promise<ConsentRequestRecord | undefined>;
  /** The record's latest request with the record's status and deadline (the partner's view). */
  latest(nominationId: string): Promise<ConsentRequestState | undefined>;
  open(request: NewConsentRequest): Promise<void>;
  /** A new single-purpose link of a request (only its hash is stored). */
  addLink(requestId: string, tokenHash: string, at: Date): Promise<void>;
  /** One more send of the request (a resend or a reminder). */
  markSent(requestId: string, at: Date): Promise<void>;
  emailFacts(requestId: string): Promise<ConsentEmailFacts>;
  /** Voids the record's current request and with it every link it sent (§4.3: contact changed, superseded). */
  voidCurrent(nominationId: string, now: Date): Promise<void>;
  byLink(tokenHash: string): Promise<ConsentLinkView | undefined>;
  decide(requestId: string, decision: 'accept' | 'decline', at: Date): Promise<void>;
}

// Wire types of the endpoints the SPA uses, taken from the shared contracts (architecture §2: web
// imports contracts only).

import type { z } from 'zod';
import type { LOCALE_VALUES } from '../../src/contracts/common.ts';
import type {
  PartnerLocation as PartnerLocationSchema,
  PartnerUser as PartnerUserSchema,
} from '../../src/contracts/partner.ts';
import type { RoleName, SessionResponse, SessionUser } from '../../src/contracts/session.ts';

// Type-only imports: the zod schemas stay on the server side of the bundle boundary.

/** Runtime copy of the contract's locale list (importing the value would pull zod into the bundle). */
export const LOCALES = ['en', 'pl', 'sv', 'pt-PT', 'tr', 'nl'] as const;
export type Locale = (typeof LOCALES)[number];
// Compile-time check that the copy matches the contract, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const localesMatchContract: Same<Locale, (typeof LOCALE_VALUES)[number]> = true;
void localesMatchContract;

export type Theme = 'light' | 'dark';
export type IncentiveRole = z.infer<typeof RoleName>;
export type User = SessionUser;
export type RoleAssignment = User['roles'][number];
export type Session = SessionResponse;
export type PartnerLocation = z.infer<typeof PartnerLocationSchema>;
export type PartnerUser = PartnerUserSchema;

export interface ListResponse<T> {
  value: T[];
  nextLink?: string;
}

/** The error body of every failed API call (Microsoft REST API guidelines shape, quality §1). */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    target?: string;
    details?: { code: string; message: string; target?: string }[];
    isRetryable?: boolean;
    correlationId?: string;
  };
}

import { z } from 'zod';
import { Email, Id, Locale } from './common.ts';

export const RoleName = z.enum(['incentivesAdmin', 'incentivesUser']);

const LocationRole = z.object({
  locationId: Id,
  mpnId: z.string(),
  locationName: z.string(),
  role: RoleName,
});

export const SessionUser = z
  .object({
    id: Id,
    email: z.string(),
    displayName: z.string(),
    locale: Locale.nullable(),
    theme: z.enum(['light', 'dark']).nullable(),
    kind: z.enum(['partnerUser', 'operator']),
    partner: z.object({ id: Id, name: z.string() }).nullable(),
    isAccountAdmin: z.boolean(),
    roles: z.array(LocationRole),
  })
  .meta({ id: 'SessionUser' });
export type SessionUser = z.infer<typeof SessionUser>;

export const SignInRequest = z.strictObject({
  email: Email,
  password: z.string().min(1).max(1024),
});

/** Demo aids switched on for this installation: the embedded mailbox (no SMTP_URL) and the test clock. */
const Features = z.object({ mailbox: z.boolean(), testClock: z.boolean() });

export const SessionResponse = z
  .object({ user: SessionUser, csrfToken: z.string(), features: Features })
  .meta({ id: 'Session' });
export type SessionResponse = z.infer<typeof SessionResponse>;

export const PreferencesRequest = z
  .strictObject({
    locale: Locale.nullable().optional(),
    theme: z.enum(['light', 'dark']).nullable().optional(),
  })
  .refine((v) => v.locale !== undefined || v.theme !== undefined, { message: 'Nothing to change' });

export const UserResponse = z.object({ user: SessionUser });

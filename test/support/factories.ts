import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { Db } from '../../src/adapters/db/database.ts';

// Small factories for medium and HTTP tests: each call makes its own rows with fresh ids, so tests in
// one database never collide.
let mpnCounter = 7_000_000 + Math.floor(Math.random() * 1_000_000);
let passwordHash: Promise<string> | undefined;
export const TEST_PASSWORD = 'correct horse battery staple';

export async function createPartner(db: Db, name = `Partner ${randomUUID().slice(0, 8)}`) {
  const id = randomUUID();
  await db.insertInto('partners').values({ id, name }).execute();
  return { id, name };
}

export async function createLocation(
  db: Db,
  partnerId: string,
  options: { enrolled?: boolean; country?: string; designations?: string[] } = {},
) {
  const id = randomUUID();
  const mpnId = String(mpnCounter++);
  await db
    .insertInto('locations')
    .values({
      id,
      partner_id: partnerId,
      mpn_id: mpnId,
      name: `Location ${mpnId}`,
      country: options.country ?? 'US',
      designations: options.designations ?? [],
    })
    .execute();
  if (options.enrolled ?? true) {
    await db
      .insertInto('enrolments')
      .values({ location_id: id, status: 'enrolled', enrolled_at: new Date('2026-01-01T00:00:00Z') })
      .execute();
  }
  return { id, mpnId };
}

export async function createUser(
  db: Db,
  options: {
    partnerId?: string | null;
    kind?: 'partnerUser' | 'operator';
    accountAdmin?: boolean;
    roles?: { locationId: string; role: 'incentivesAdmin' | 'incentivesUser' }[];
    isDemo?: boolean;
  } = {},
) {
  passwordHash ??= hash(TEST_PASSWORD);
  const id = randomUUID();
  const email = `user-${id.slice(0, 8)}@example.test`;
  const kind = options.kind ?? 'partnerUser';
  await db
    .insertInto('users')
    .values({
      id,
      email,
      display_name: `User ${id.slice(0, 4)}`,
      kind,
      partner_id: kind === 'operator' ? null : (options.partnerId ?? null),
      is_account_admin: options.accountAdmin ?? false,
      password_hash: await passwordHash,
      is_demo: options.isDemo ?? false,
    })
    .execute();
  for (const r of options.roles ?? []) {
    await db
      .insertInto('user_location_roles')
      .values({ user_id: id, location_id: r.locationId, role: r.role, granted_by: null })
      .execute();
  }
  return { id, email };
}

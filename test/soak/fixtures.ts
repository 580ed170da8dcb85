import type { DatabaseHandle, Db } from '../../src/adapters/db/database.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { tenantId } from '../../src/seed/demo-catalogue.ts';

// Pieces shared by the soak script (run outside vitest) and the tests that spawn the real server.

/** Customers nobody knows yet, eligible for every workshop like the demo's Contoso; returns their domains. */
export async function addFreshCustomers(db: Db, prefix: string, count: number): Promise<string[]> {
  const contoso = await db
    .selectFrom('tenants')
    .selectAll()
    .where('id', '=', tenantId('contoso'))
    .executeTakeFirstOrThrow();
  const domains: string[] = [];
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_v, k) => ({
      id: crypto.randomUUID(),
      domain: `${prefix}${start + k}.example`,
    }));
    await db
      .insertInto('tenants')
      .values(
        batch.map((b) => ({
          ...contoso,
          id: b.id,
          name: `Customer ${b.domain}`,
          tpid: null,
          attributes: '{}',
        })),
      )
      .execute();
    await db
      .insertInto('tenant_domains')
      .values(batch.map((b) => ({ domain: b.domain, tenant_id: b.id })))
      .execute();
    domains.push(...batch.map((b) => b.domain));
  }
  return domains;
}

/** Signs in as a demo user over real HTTP: the cookie header and the CSRF token. */
export async function signIn(base: string, email = 'ada@treyresearch.example', password = 'demo') {
  const response = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: response.headers.getSetCookie()[0]!.split(';')[0]!, csrfToken };
}

/** The demo data plus `count` fresh customers; closes the handle (the server will open the database). */
export async function seedAndClose(handle: DatabaseHandle, prefix: string, count: number): Promise<string[]> {
  try {
    await seedDemo(handle.db, new Date());
    return await addFreshCustomers(handle.db, prefix, count);
  } finally {
    await handle.close();
  }
}

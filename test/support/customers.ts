import type { Db } from '../../src/adapters/db/database.ts';
import { tenantId } from '../../src/seed/demo-catalogue.ts';

let seq = 0;

/**
 * A customer in the directory that no partner knows, eligible like the demo's Contoso, reachable by its
 * own domain `<slug>.example` (random unless given, so that tests never share one).
 */
export async function freshCustomer(db: Db, options: { prefix?: string; slug?: string } = {}) {
  const slug =
    options.slug ?? `${options.prefix ?? 'fresh'}${++seq}${Math.random().toString(36).slice(2, 7)}`;
  const contoso = await db
    .selectFrom('tenants')
    .selectAll()
    .where('id', '=', tenantId('contoso'))
    .executeTakeFirstOrThrow();
  const id = crypto.randomUUID();
  const name = `Fresh ${slug}`;
  await db
    .insertInto('tenants')
    .values({
      id,
      name,
      tpid: null,
      country: contoso.country,
      segment: contoso.segment,
      seats: contoso.seats,
      products: contoso.products,
      attributes: '{}',
    })
    .execute();
  await db
    .insertInto('tenant_domains')
    .values({ domain: `${slug}.example`, tenant_id: id })
    .execute();
  return { id, slug, name, domain: `${slug}.example`, email: `it@${slug}.example` };
}

import { type KyselyPlugin, PostgresQueryCompiler, sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/adapters/db/database.ts';
import { sweepDeadlines } from '../../src/app/sweeps/deadline-sweep.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId } from '../../src/seed/demo-catalogue.ts';
import { freshCustomer } from '../support/customers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';
import { drainMail, latestConsentToken } from '../support/mail.ts';

/** Counts every statement the app sends through Kysely (transaction BEGIN/COMMIT not included). */
function countingHandle(handle: () => DatabaseHandle) {
  const compiler = new PostgresQueryCompiler();
  const seen: string[] = [];
  let counting = false;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      if (counting)
        seen.push(compiler.compileQuery(args.node, args.queryId).sql.replace(/\s+/g, ' ').slice(0, 160));
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  let wrapped: DatabaseHandle | undefined;
  return {
    handle: () => {
      wrapped ??= { ...handle(), db: handle().db.withPlugin(plugin) };
      return wrapped;
    },
    async count<T>(body: () => Promise<T>) {
      seen.length = 0;
      counting = true;
      try {
        await body();
      } finally {
        counting = false;
      }
      return [...seen];
    },
  };
}

// Issue 12: the cost of a request is bounded in statements, not only in time. These budgets are the
// figures the closing note states; a change that adds a statement to the hot path fails here.
describeEachDatabase('statement budget', ({ handle }) => {
  const counted = countingHandle(handle);
  const t = useTestApp(counted.handle);
  let ada: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    t().ctx.links = { baseUrl: 'http://127.0.0.1:9' };
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
    // The first request reads the session; from then on it is in the instance's memory (ADR 0017).
    expect((await ada.request({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
  });

  /** Ada adds this customer on SEC-WS at Seattle. */
  const add = (customer: { email: string }) =>
    ada.request({
      method: 'POST',
      url: '/api/v1/nominations',
      payload: {
        origin: 'add',
        locationId: locationId('trey-seattle'),
        engagementIds: [engagementId('SEC-WS')],
        email: customer.email,
      },
    });

  /** Adds a customer nobody knows (not counted); its record's id. */
  async function added() {
    const customer = await freshCustomer(handle().db, { prefix: 'budget' });
    const response = await add(customer);
    expect(response.statusCode, response.body).toBe(201);
    return { id: response.json().value[0].id as string, customer };
  }

  it('an add', async () => {
    const customer = await freshCustomer(handle().db, { slug: 'budget-add' });
    let status = 0;
    const statements = await counted.count(async () => {
      status = (await add(customer)).statusCode;
    });
    expect(status).toBe(201);
    // The directory; then in the transaction the customer's lock (issue 13: two changes to one
    // customer's rows one after the other), one facts statement (the location's access among them), the
    // records with their audit events, the customer's rows (only those that changed written), and the
    // partner's webhook subscribers (issue 14: one indexed select; nothing more without endpoints). Was
    // 17 plus the session before issue 12, then 9 (access read first, audit and rows' delete separate).
    expect(statements, statements.join('\n')).toHaveLength(6);
    expect(
      statements.filter((s) => s.startsWith('select')),
      statements.join('\n'),
    ).toHaveLength(4);
  });

  it('a session read: no statement at all', async () => {
    let status = 0;
    const statements = await counted.count(async () => {
      status = (await ada.request({ method: 'GET', url: '/api/v1/session' })).statusCode;
    });
    expect(status).toBe(200);
    expect(statements, statements.join('\n')).toHaveLength(0);
  });

  it('a list page: the page, nothing else and no write', async () => {
    let status = 0;
    const statements = await counted.count(async () => {
      status = (
        await ada.request({
          method: 'GET',
          url: `/api/v1/engagements/${engagementId('SEC-WS')}/customers?tab=eligible`,
        })
      ).statusCode;
    });
    expect(status).toBe(200);
    expect(statements, statements.join('\n')).toHaveLength(1);
    expect(
      statements.every((s) => s.startsWith('select')),
      statements.join('\n'),
    ).toBe(true);
  });

  it('a consent acceptance (first consent wins)', async () => {
    const { id, customer } = await added();
    const to = `jan@${customer.domain}`;
    const sent = await ada.request({
      method: 'POST',
      url: `/api/v1/nominations/${id}/consent-requests`,
      payload: {
        customerContact: { name: 'Jan Kowalski', email: to, phone: '+48 22 123 45 67', locale: 'pl' },
        partnerContact: { name: 'Ada Lovelace', email: 'ada@treyresearch.example' },
      },
    });
    expect(sent.statusCode, sent.body).toBe(202);
    await drainMail(t());
    const token = await latestConsentToken(t(), to);
    let status = 0;
    const statements = await counted.count(async () => {
      status = (
        await t().app.inject({
          method: 'POST',
          url: `/api/v1/public/consent/${token}`,
          payload: { decision: 'accept' },
        })
      ).statusCode;
    });
    expect(status).toBe(200);
    // The public route's rate limit (shared by every instance); the link; the customer's records on the
    // workshop locked in one statement; the link again under the lock; the record; its change with its
    // audit event; webhook subscribers; the rivals (first consent wins); the partner's notice and email;
    // the partners who know the customer (their Ineligible reason changes); the read model's refresh
    // (engagements, lock, records, tenant, holds, the rows that changed); the payout; the decision. The
    // answer is not read again. Was 21 (issue 12 item 3).
    expect(statements, statements.join('\n')).toHaveLength(18);
  });

  it('a deadline sweep batch: as many statements for 6 records as for 2 (set-based)', async () => {
    await sweepDeadlines(t().ctx); // whatever the demo data has due, not counted
    const counts: string[][] = [];
    for (const k of [2, 6]) {
      const ids: string[] = [];
      for (let i = 0; i < k; i++) ids.push((await added()).id);
      const past = new Date(t().clock.now().getTime() - 60_000);
      await sql`update nominations set consent_due_at = ${past} where id = any(${ids}::uuid[])`.execute(
        handle().db,
      );
      let transitioned = 0;
      counts.push(
        await counted.count(async () => {
          transitioned = (await sweepDeadlines(t().ctx)).transitioned;
        }),
      );
      expect(transitioned).toBe(k);
    }
    expect(counts[1], counts[1]!.join('\n')).toHaveLength(counts[0]!.length);
    // Per batch: the claim (FOR UPDATE SKIP LOCKED), the moves with their audit events, the notices with
    // their emails, then per partner the read model (engagements, lock, records, the rows) and the webhook
    // subscribers; plus one empty claim for each of the other three sweeps. The queued mail job is
    // pg-boss's own statement, not counted here.
    expect(counts[0], counts[0]!.join('\n')).toHaveLength(11);
  });
});

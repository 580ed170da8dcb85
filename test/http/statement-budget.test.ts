import { type KyselyPlugin, PostgresQueryCompiler } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/adapters/db/database.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId } from '../../src/seed/demo-catalogue.ts';
import { freshCustomer } from '../support/customers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';

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
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
    // The first request reads the session; from then on it is in the instance's memory (ADR 0017).
    expect((await ada.request({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
  });

  it('an add', async () => {
    const customer = await freshCustomer(handle().db, { slug: 'budget-add' });
    let status = 0;
    const statements = await counted.count(async () => {
      const response = await ada.request({
        method: 'POST',
        url: '/api/v1/nominations',
        payload: {
          origin: 'add',
          locationId: locationId('trey-seattle'),
          engagementIds: [engagementId('SEC-WS')],
          email: `it@${customer.domain}`,
        },
      });
      status = response.statusCode;
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
});

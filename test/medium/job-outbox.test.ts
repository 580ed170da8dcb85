import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JobQueue } from '../../src/adapters/queue/job-queue.ts';
import { describeEachDatabase } from '../support/databases.ts';

const countJobs = async (db: Kysely<any>, note: string) => {
  const result = await sql<{
    n: number;
  }>`select count(*)::int as n from pgboss.job where name = 'system.ping' and data->>'note' = ${note}`.execute(
    db,
  );
  return result.rows[0]!.n;
};

// Jobs are enqueued inside the business transaction (architecture §1): they exist iff it commits.
describeEachDatabase('job outbox', ({ handle }) => {
  let queue: JobQueue;
  beforeAll(async () => {
    queue = new JobQueue(handle());
    await queue.start({ schedule: false });
  });
  afterAll(async () => {
    await queue.stop();
  });

  it('a rolled-back transaction leaves no job', async () => {
    const { db } = handle();
    await db
      .transaction()
      .execute(async (trx) => {
        await queue.enqueue(trx, 'system.ping', { note: 'rolled-back' });
        throw new Error('abort');
      })
      .catch(() => undefined);
    expect(await countJobs(db, 'rolled-back')).toBe(0);
  });

  it('a committed transaction keeps exactly its job', async () => {
    const { db } = handle();
    await db.transaction().execute(async (trx) => {
      await queue.enqueue(trx, 'system.ping', { note: 'committed' });
    });
    expect(await countJobs(db, 'committed')).toBe(1);
  });

  it('refuses a payload that does not match the registry schema, before anything is queued', async () => {
    const { db } = handle();
    await expect(
      db.transaction().execute(async (trx) => {
        await queue.enqueue(trx, 'system.ping', { note: 'x', extra: 1 } as never);
      }),
    ).rejects.toThrow();
    expect(await countJobs(db, 'x')).toBe(0);
  });

  it('a worker receives a committed job', async () => {
    const { db } = handle();
    const seen = new Promise<string>((resolve) => {
      // The job committed by the previous test is delivered too; wait for this test's own.
      void queue.work(
        'system.ping',
        async (payload) => {
          if (payload.note === 'delivered') resolve(payload.note);
        },
        { pollingIntervalSeconds: 0.5 },
      );
    });
    await db.transaction().execute(async (trx) => {
      await queue.enqueue(trx, 'system.ping', { note: 'delivered' });
    });
    expect(await seen).toBe('delivered');
  });
});

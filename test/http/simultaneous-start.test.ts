import { randomBytes } from 'node:crypto';
import { afterAll, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/adapters/db/database.ts';
import { kill, type MciProcess, spawnMci } from '../support/server-process.ts';

// Issue 13, start-up of many at once: four processes (two full instances, one API-only, one worker)
// started at the same moment on an empty database, or on an up-to-date one without data, all come up.
// Before the start-up lock, two of them seeding the demo at once crashed one with `deadlock detected`.

const ROUNDS = 10;
const created: string[] = [];
const running: MciProcess[] = [];

async function database(round: number): Promise<string> {
  const name = `start_${round}_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ kind: 'postgres', url: inject('pgAdminUrl'), poolSize: 1 });
  try {
    // Odd rounds: a database as `createdb` leaves it; even rounds: migrated (`mci migrate` ran) but empty.
    await admin.executor.executeSql(
      round % 2 ? `create database ${name}` : `create database ${name} template mci_template`,
    );
  } finally {
    await admin.close();
  }
  created.push(name);
  return inject('pgAdminUrl').replace(/\/postgres$/, `/${name}`);
}

afterAll(async () => {
  await Promise.all(running.map(kill));
});

it(`four instances started at once on an empty database all come up (${ROUNDS} rounds)`, async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const url = await database(round);
    const env = { DATABASE_URL: url, MCI_SEED_DEMO: 'auto', DATABASE_POOL_SIZE: '4' };
    const procs = [
      spawnMci('start', env),
      spawnMci('start', env),
      spawnMci('start', { ...env, MCI_ROLE: 'api' }),
      spawnMci('worker', env),
    ];
    running.push(...procs);
    const outcomes = await Promise.allSettled(procs.map((p) => p.ready));
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
    expect(failures, `round ${round}`).toEqual([]);
    // The demo was loaded once, whole: one Trey Research, and its users.
    const db = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
    try {
      const partners = await db.db.selectFrom('partners').select('name').execute();
      expect(
        partners.filter((p) => /Trey/.test(p.name)),
        `round ${round}`,
      ).toHaveLength(1);
    } finally {
      await db.close();
    }
    await Promise.all(procs.map(kill));
  }
}, 900_000);

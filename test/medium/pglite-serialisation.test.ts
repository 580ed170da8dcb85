import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';

// Regression test for the PGlite single-session trap (architecture §4): a statement of request B must
// never run inside request A's open transaction and vanish with A's rollback.
describeEachDatabase('concurrent transactions', ({ handle }) => {
  it('a rollback in one transaction does not take a concurrent statement with it', async () => {
    const { db } = handle();
    await sql`create table probe (name text primary key)`.execute(db);
    let insideA!: () => void;
    const aStarted = new Promise<void>((resolve) => {
      insideA = resolve;
    });
    const a = db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into probe values ('a')`.execute(trx);
        insideA();
        await new Promise((resolve) => setTimeout(resolve, 150));
        throw new Error('roll back A');
      })
      .catch((error: Error) => error.message);
    await aStarted;
    const b = sql`insert into probe values ('b')`.execute(db);
    const [aOutcome] = await Promise.all([a, b]);
    expect(aOutcome).toBe('roll back A');
    const rows = await sql<{ name: string }>`select name from probe order by name`.execute(db);
    expect(rows.rows.map((r) => r.name)).toEqual(['b']);
  });

  it('two concurrent transactions both commit their own writes only', async () => {
    const { db } = handle();
    const write = (name: string, fail: boolean) =>
      db
        .transaction()
        .execute(async (trx) => {
          await sql`insert into probe values (${name})`.execute(trx);
          await new Promise((resolve) => setTimeout(resolve, 20));
          if (fail) throw new Error('fail');
        })
        .catch(() => undefined);
    await Promise.all([write('c', false), write('d', true), write('e', false), write('f', true)]);
    const rows = await sql<{ name: string }>`select name from probe where name > 'b' order by name`.execute(
      db,
    );
    expect(rows.rows.map((r) => r.name)).toEqual(['c', 'e']);
  });
});

import { beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo.ts';
import { locationId, userId } from '../../src/seed/demo-catalogue.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, type TestApp, useTestApp } from '../support/http.ts';

/** Polls `check` every 20 ms for at most `ms`; the time it took, or null. */
async function until(check: () => Promise<boolean>, ms = 5_000): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 20));
  }
  return null;
}

// ADR 0017: each instance serves sessions from memory; a change on one instance reaches the others
// through the database's notices, well before an entry's 60 s age limit (the bound here is 5 s).
describeEachDatabase('session cache across two instances', ({ handle }) => {
  const a = useTestApp(handle);
  const b = useTestApp(handle);
  beforeAll(async () => {
    await seedDemo(handle().db, a().clock.now());
  });
  const as = (app: () => TestApp, client: Awaited<ReturnType<typeof signInAs>>, url: string) =>
    app().app.inject({ method: 'GET', url, headers: { cookie: `mci_session=${client.cookie.value}` } });

  it('a read on the other instance is then served from its memory', async () => {
    const ada = await signInAs(a().app, 'ada@treyresearch.example', 'demo');
    expect((await as(b, ada, '/api/v1/session')).statusCode).toBe(200);
    expect(b().ctx.sessionCache!.size).toBeGreaterThan(0);
  });

  it('a sign-out on one instance ends the session on the other', async () => {
    const ada = await signInAs(a().app, 'ada@treyresearch.example', 'demo');
    expect((await as(b, ada, '/api/v1/session')).statusCode).toBe(200);
    expect((await as(b, ada, '/api/v1/session')).statusCode).toBe(200);
    expect((await ada.request({ method: 'DELETE', url: '/api/v1/session' })).statusCode).toBe(204);
    // On the instance that signed out: at once.
    expect((await as(a, ada, '/api/v1/session')).statusCode).toBe(401);
    const took = await until(async () => (await as(b, ada, '/api/v1/session')).statusCode === 401);
    expect(took).not.toBeNull();
  });

  it('a role removed on one instance is gone on the other; a preference changed too', async () => {
    const ben = await signInAs(a().app, 'ben@treyresearch.example', 'demo');
    const cleo = await signInAs(a().app, 'cleo@treyresearch.example', 'demo');
    const roles = async () =>
      ((await as(b, ben, '/api/v1/session')).json() as { user: { roles: { locationId: string }[] } }).user
        .roles;
    expect((await roles()).map((r) => r.locationId)).toEqual([locationId('trey-warsaw')]);
    const removed = await cleo.request({
      method: 'DELETE',
      url: `/api/v1/partner/users/${userId('ben')}/roles/${locationId('trey-warsaw')}`,
    });
    expect(removed.statusCode).toBe(204);
    expect(await until(async () => (await roles()).length === 0)).not.toBeNull();
  });

  it('the database rolled back: nothing is forgotten that did not change', async () => {
    const dan = await signInAs(b().app, 'dan@proseware.example', 'demo');
    expect((await as(b, dan, '/api/v1/session')).statusCode).toBe(200);
    const before = b().ctx.sessionCache!.size;
    await handle()
      .db.transaction()
      .execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ display_name: 'Nobody' })
          .where('id', '=', userId('dan'))
          .execute();
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    expect(b().ctx.sessionCache!.size).toBe(before);
    expect(
      ((await as(b, dan, '/api/v1/session')).json() as { user: { displayName: string } }).user.displayName,
    ).not.toBe('Nobody');
  });
});

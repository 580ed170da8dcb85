import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JobQueue } from '../../src/adapters/queue/job-queue.ts';
import { loadConfig } from '../../src/config.ts';
import { composeContext, composeHttpApp } from '../../src/main/runtime.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { partnerId } from '../../src/seed/demo-catalogue.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs } from '../support/http.ts';

const DAY = 86_400_000;

// R36 (issue 10, findings 2 and 3): the test clock moves application time only. The app here is
// composed exactly as `mci start` composes it with MCI_TEST_CLOCK=1 (src/main/runtime.ts), on the real
// system clock: no hand-wired context. Before the fix, moving the clock 31 days answered every session
// with 401, and `P3000000D` answered 500 but stored the offset, breaking the instance for good.
describeEachDatabase('the test clock in the composed application', ({ handle }) => {
  let app: FastifyInstance;
  let queue: JobQueue;
  const config = () =>
    loadConfig({
      LOG_LEVEL: 'silent',
      MCI_TEST_CLOCK: '1',
      MCI_DATA_DIR: mkdtempSync(join(tmpdir(), 'mci-clock-')),
    });
  beforeAll(async () => {
    await seedDemo(handle().db, new Date());
    const c = config();
    const composed = composeContext(handle(), c);
    queue = composed.queue;
    await queue.start({ schedule: false });
    app = await composeHttpApp(handle(), composed.ctx, queue, c);
    await app.ready();
  });
  afterAll(async () => {
    await sql`delete from app_settings where key = 'testClock'`.execute(handle().db);
    await app?.close();
    await queue?.stop();
  });

  const offset = async (client: Awaited<ReturnType<typeof signInAs>>) =>
    (await client.request({ method: 'GET', url: '/api/v1/test-clock' })).json().offsetMs as number;

  it('moving the clock 31 days keeps everyone signed in and ends the records whose window passed', async () => {
    // An added record waiting for consent, due within 31 days: it leaves the page when its window ends (R30).
    const due = await handle()
      .db.selectFrom('nominations')
      .select(['id', 'engagement_id'])
      .where('partner_id', '=', partnerId('trey'))
      .where('origin', '=', 'add')
      .where('status', 'in', ['claimed', 'consent_pending'])
      .where('consent_due_at', '>', new Date())
      .where('consent_due_at', '<', new Date(Date.now() + 30 * DAY))
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const ada = await signInAs(app, 'ada@treyresearch.example', 'demo');
    const olga = await signInAs(app, 'olga@program.example', 'demo');
    const listed = async () => {
      const response = await ada.request({
        method: 'GET',
        url: `/api/v1/engagements/${due.engagement_id}/customers?tab=eligible&maxpagesize=200`,
      });
      expect(response.statusCode).toBe(200);
      return (response.json().value as { nominationId: string | null }[]).some(
        (r) => r.nominationId === due.id,
      );
    };
    expect(await listed()).toBe(true);

    const moved = await ada.request({
      method: 'POST',
      url: '/api/v1/test-clock',
      payload: { advance: 'P31D' },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().offsetMs).toBe(31 * DAY);
    expect(new Date(moved.json().now).getTime() - Date.now()).toBeGreaterThan(31 * DAY - 60_000);

    // Sessions run on real time: the mover and everybody else are still signed in.
    for (const client of [ada, olga])
      expect((await client.request({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
    // The record's consent window passed on the application's clock: gone without any sweep.
    expect(await listed()).toBe(false);
    // A new sign-in after the move works and lasts (its expiry is on real time too).
    const again = await signInAs(app, 'ben@treyresearch.example', 'demo');
    expect((await again.request({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
  });

  it('refuses malformed, non-positive and too large advances with 400, storing nothing', async () => {
    const dan = await signInAs(app, 'dan@proseware.example', 'demo');
    const before = await offset(dan);
    for (const advance of [
      '31 days',
      'P',
      'PT',
      'P0D',
      'PT0S',
      '-P1D',
      'P1.5D',
      'P401D',
      'P3000000D',
      'P99999999D',
      'P1Y',
    ]) {
      const response = await dan.request({ method: 'POST', url: '/api/v1/test-clock', payload: { advance } });
      expect(response.statusCode, advance).toBe(400);
      expect(response.json().error.code, advance).toBe('ValidationFailed');
      expect(response.json().error.target, advance).toBe('advance');
    }
    expect(await offset(dan)).toBe(before);
    // The instance still works.
    expect((await dan.request({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
  });

  it('bounds the total offset at ten years; past it, 400 and the instance keeps working', async () => {
    const ada = await signInAs(app, 'ada@treyresearch.example', 'demo');
    let refused = 0;
    for (let i = 0; i < 12; i++) {
      const response = await ada.request({
        method: 'POST',
        url: '/api/v1/test-clock',
        payload: { advance: 'P400D' },
      });
      if (response.statusCode === 400) {
        refused += 1;
        expect(response.json().error.details[0].code).toBe('testClockLimit');
      } else expect(response.statusCode).toBe(200);
    }
    expect(refused).toBeGreaterThan(0);
    const total = await offset(ada);
    expect(total).toBeLessThanOrEqual(3650 * DAY);
    expect(total).toBeGreaterThan(3650 * DAY - 400 * DAY);
    // Nothing broke: sessions, sign-in and lists still answer.
    expect((await ada.request({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
    const fresh = await signInAs(app, 'ben@treyresearch.example', 'demo');
    expect((await fresh.request({ method: 'GET', url: '/api/v1/engagements' })).statusCode).toBe(200);
    // Another instance sees the same offset.
    const other = composeContext(handle(), config());
    await other.ctx.testClock!.sync();
    expect(other.ctx.testClock!.offsetMs()).toBe(total);
  });
});

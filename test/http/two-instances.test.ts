import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../src/adapters/clock/clock.ts';
import { type DatabaseHandle, openDatabase } from '../../src/adapters/db/database.ts';
import type { JobQueue } from '../../src/adapters/queue/job-queue.ts';
import { loadConfig } from '../../src/config.ts';
import { composeContext, composeHttpApp } from '../../src/main/runtime.ts';
import { freshDatabase } from '../support/databases.ts';
import { createPartner, createUser } from '../support/factories.ts';
import { signInAs } from '../support/http.ts';

// Quality §3.15: two app instances on one PostgreSQL server share sessions, and each job runs once.
let first: DatabaseHandle;
let second: DatabaseHandle;
const queues: JobQueue[] = [];

beforeAll(async () => {
  first = await freshDatabase('postgres');
  second = await openDatabase({ kind: 'postgres', url: first.url! });
});
afterAll(async () => {
  for (const q of queues) await q.stop();
  await second?.close();
  await first?.close();
});

async function instance(handle: DatabaseHandle) {
  // Composed as `mci start` composes it (src/main/runtime.ts), with a manual business clock.
  const config = loadConfig({ LOG_LEVEL: 'silent', MCI_DATA_DIR: mkdtempSync(join(tmpdir(), 'mci-two-')) });
  const { ctx, queue } = composeContext(handle, config, { clock: new ManualClock() });
  queues.push(queue);
  await queue.start({ schedule: false });
  const app = await composeHttpApp(handle, ctx, queue, config);
  return { app, queue };
}

it('a session opened on one instance works on the other, and so does signing out', async () => {
  const a = await instance(first);
  const b = await instance(second);
  const partner = await createPartner(first.db);
  const user = await createUser(first.db, { partnerId: partner.id });
  const onA = await signInAs(a.app, user.email);
  const headers = { cookie: `mci_session=${onA.cookie.value}` };
  const onB = await b.app.inject({ method: 'GET', url: '/api/v1/session', headers });
  expect(onB.statusCode).toBe(200);
  expect(onB.json().user.id).toBe(user.id);
  const out = await b.app.inject({
    method: 'DELETE',
    url: '/api/v1/session',
    headers: { ...headers, 'x-csrf-token': onA.csrfToken },
  });
  expect(out.statusCode).toBe(204);
  expect((await a.app.inject({ method: 'GET', url: '/api/v1/session', headers })).statusCode).toBe(401);
  await a.app.close();
  await b.app.close();
});

it('jobs are shared by the workers of both instances and each runs exactly once', async () => {
  const [a, b] = [queues[0]!, queues[1]!];
  const seen: { by: string; note: string }[] = [];
  const total = 40;
  const done = new Promise<void>((resolve) => {
    const handler = (by: string) => async (payload: { note: string }) => {
      if (!payload.note.startsWith('once-')) return;
      seen.push({ by, note: payload.note });
      await new Promise((r) => setTimeout(r, 5));
      if (seen.length >= total) resolve();
    };
    void a.work('system.ping', handler('a'), { pollingIntervalSeconds: 0.5, batchSize: 2 });
    void b.work('system.ping', handler('b'), { pollingIntervalSeconds: 0.5, batchSize: 2 });
  });
  await first.db.transaction().execute(async (trx) => {
    for (let i = 0; i < total; i++) await a.enqueue(trx, 'system.ping', { note: `once-${i}` });
  });
  await done;
  await new Promise((r) => setTimeout(r, 1500)); // a duplicate would arrive within the next polls
  expect(seen).toHaveLength(total);
  expect(new Set(seen.map((s) => s.note)).size).toBe(total);
});

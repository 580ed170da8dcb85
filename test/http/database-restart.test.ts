import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/adapters/db/database.ts';
import { engagementId, locationId } from '../../src/seed/demo-catalogue.ts';
import { check, emptyAcked, SOAK_PREFIX } from '../soak/crash-soak.ts';
import { type Installation, prepareInstallation, signIn } from '../support/installation.ts';
import { type PostgresServer, startPostgres } from '../support/postgres-server.ts';
import { kill, type MciProcess, spawnMci } from '../support/server-process.ts';

// Quality §3.9 / issue 13 item 5: PostgreSQL is stopped (`pg_ctl -m fast`) during add and consent
// traffic, kept down 10 s, and started again. While it is down every request is answered 503
// DatabaseUnavailable in the error shape, retryable, with Retry-After, and readiness is 503; the same
// process recovers by itself; every acknowledged write is whole, nothing is half written, and the jobs
// queued before and after the outage run. The test has a PostgreSQL server of its own to stop.

const DOWN_MS = 10_000;
let pg: PostgresServer;
let install: Installation;
let server: MciProcess | undefined;

beforeAll(async () => {
  pg = await startPostgres();
  const admin = await openDatabase({ kind: 'postgres', url: pg.url('postgres'), poolSize: 1 });
  await admin.executor.executeSql('create database restart');
  await admin.close();
  install = await prepareInstallation('postgres', {
    customers: 3000,
    prefix: SOAK_PREFIX,
    pgUrl: pg.url('restart'),
  });
}, 120_000);
afterAll(async () => {
  if (server && server.proc.exitCode !== null) console.log(server.output().slice(-4000));
  if (server) await kill(server);
  pg?.stop();
});

interface Answer {
  sentAt: number;
  at: number;
  status: number;
  code?: string;
  isRetryable?: boolean;
  retryAfter: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('answers 503 DatabaseUnavailable while PostgreSQL restarts, then recovers by itself with nothing half written', async () => {
  server = spawnMci('start', {
    ...install.env,
    LOG_LEVEL: 'warn',
    JOB_MAINTENANCE_SECONDS: '2',
    JOB_TIMEOUT_SECONDS: '5',
  });
  const base = await server.ready;
  const pid = server.proc.pid;
  const auth = await signIn(base);
  const headers = { 'content-type': 'application/json', cookie: auth.cookie, 'x-csrf-token': auth.csrfToken };
  const acked = emptyAcked();
  const answers: Answer[] = [];
  let next = 0;
  let stop = false;
  const call = async (path: string, body: unknown) => {
    const sentAt = Date.now();
    try {
      const response = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      const json = (await response.json().catch(() => null)) as {
        value?: { id: string; customer: { tenantId: string } }[];
        error?: { code: string; isRetryable: boolean };
      } | null;
      answers.push({
        sentAt,
        at: Date.now(),
        status: response.status,
        code: json?.error?.code,
        isRetryable: json?.error?.isRetryable,
        retryAfter: response.headers.get('retry-after'),
      });
      return { status: response.status, json };
    } catch {
      answers.push({ sentAt, at: Date.now(), status: 0, retryAfter: null });
      return { status: 0, json: null };
    }
  };
  const traffic = async () => {
    while (!stop) {
      const domain = install.domains[next++]!;
      const added = await call('/api/v1/nominations', {
        origin: 'add',
        locationId: locationId('trey-seattle'),
        engagementIds: [engagementId('SEC-WS')],
        email: `it@${domain}`,
      });
      if (added.status === 201) {
        const n = added.json!.value![0]!;
        acked.adds.set(n.id, n.customer.tenantId);
        const sent = await call(`/api/v1/nominations/${n.id}/consent-requests`, {
          customerContact: { name: 'Restart Test', email: `cto@${domain}`, locale: 'en' },
          partnerContact: { name: 'Ada', email: 'ada@treyresearch.example' },
        });
        if (sent.status === 202) acked.consents.add(n.id);
      }
      // While the database is down answers come at once: don't spin.
      if (added.status === 503) await sleep(50);
    }
  };
  const loops = [traffic(), traffic(), traffic()];
  await sleep(1500);

  pg.pause();
  const downFrom = Date.now();
  const readiness: { status: number; target?: string; code?: string }[] = [];
  while (Date.now() - downFrom < DOWN_MS) {
    const ready = await fetch(`${base}/api/v1/health/ready`).catch((error: unknown) => {
      throw new Error(
        `${String(error)} ${(error as Error).cause}; exit ${server?.proc.exitCode}\n${server?.output().slice(-3000)}`,
      );
    });
    const body = (await ready.json()) as { error?: { target: string; code: string } };
    readiness.push({ status: ready.status, target: body.error?.target, code: body.error?.code });
    await sleep(500);
  }
  const downUntil = Date.now();
  pg.resume();

  // The same process comes back by itself.
  for (let i = 0; i < 240; i++) {
    if ((await fetch(`${base}/api/v1/health/ready`)).status === 200) break;
    await sleep(500);
  }
  expect((await fetch(`${base}/api/v1/health/ready`)).status).toBe(200);
  const before = acked.adds.size;
  for (let i = 0; i < 240 && acked.adds.size < before + 3; i++) await sleep(250);
  stop = true;
  await Promise.all(loops);
  expect(server.proc.pid).toBe(pid);
  expect(server.proc.exitCode).toBeNull();
  expect(acked.adds.size).toBeGreaterThanOrEqual(before + 3);

  // While it was down: readiness 503 naming the database; every request refused in the error shape.
  expect(readiness.length).toBeGreaterThan(5);
  for (const r of readiness) expect(r).toMatchObject({ status: 503, target: 'database' });
  const whileDown = answers.filter((a) => a.sentAt >= downFrom && a.at <= downUntil);
  expect(whileDown.length).toBeGreaterThan(10);
  for (const a of whileDown)
    expect(a).toMatchObject({ status: 503, code: 'DatabaseUnavailable', isRetryable: true, retryAfter: '5' });
  expect(answers.some((a) => a.sentAt < downFrom && a.status === 201)).toBe(true);

  // Nothing half written, every acknowledged write whole; the queued emails are all delivered.
  const handle = await install.open();
  try {
    const losses: string[] = [];
    const violations: string[] = [];
    await check(handle, acked, losses, violations);
    expect(losses).toEqual([]);
    expect(violations).toEqual([]);
    for (let i = 0; i < 240; i++) {
      const pending = await handle.db
        .selectFrom('mail_messages')
        .select('id')
        .where('status', 'in', ['queued', 'rendered'])
        .execute();
      if (pending.length === 0) break;
      await sleep(500);
    }
    const pending = await handle.db
      .selectFrom('mail_messages')
      .select(['id', 'status'])
      .where('status', 'in', ['queued', 'rendered'])
      .execute();
    expect(pending).toEqual([]);
  } finally {
    await handle.close();
  }
}, 300_000);

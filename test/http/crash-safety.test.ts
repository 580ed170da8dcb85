import { type ChildProcess, spawn } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/adapters/db/database.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId, tenantId } from '../../src/seed/demo-catalogue.ts';
import { freshDatabase } from '../support/databases.ts';

// Quality §3.8, crash safety: the real server (`mci start`, PostgreSQL) is killed with SIGKILL at random
// moments while partners add customers and send them for consent. After each restart every record is
// either fully written, with its audit event, its consent request and its queued email, or not written
// at all; after the last restart the queue delivers every queued email, each once.

const ITERATIONS = 12;
const SEC = engagementId('SEC-WS');
const SEATTLE = locationId('trey-seattle');
let handle: DatabaseHandle;
let child: ChildProcess | undefined;

beforeAll(async () => {
  handle = await freshDatabase('postgres');
  await seedDemo(handle.db, new Date());
  // Customers nobody knows, one per attempt, eligible like Contoso.
  const contoso = await handle.db
    .selectFrom('tenants')
    .selectAll()
    .where('id', '=', tenantId('contoso'))
    .executeTakeFirstOrThrow();
  for (let i = 0; i < ITERATIONS * 40; i++) {
    const id = crypto.randomUUID();
    await handle.db
      .insertInto('tenants')
      .values({ ...contoso, id, name: `Crash ${i}`, tpid: null, attributes: '{}' })
      .execute();
    await handle.db
      .insertInto('tenant_domains')
      .values({ domain: `crash${i}.example`, tenant_id: id })
      .execute();
  }
}, 120_000);
afterAll(async () => {
  child?.kill('SIGKILL');
  await handle?.close();
});

async function startServer(): Promise<string> {
  const proc = spawn(process.execPath, ['bin/mci.mjs', 'start'], {
    env: {
      ...process.env,
      DATABASE_URL: handle.url!,
      PORT: '0',
      MCI_SEED_DEMO: 'never',
      LOG_LEVEL: 'silent',
      // Jobs lost with a killed process are found and retried within seconds, not minutes.
      JOB_MAINTENANCE_SECONDS: '2',
      JOB_TIMEOUT_SECONDS: '5',
      // A delivery lost mid-flight is retried after the mail back-off: keep it short here.
      MAIL_RETRY_DELAY_SECONDS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    proc.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /running: (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace('localhost', '127.0.0.1'));
      }
    });
    proc.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

async function signIn(base: string) {
  const response = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ada@treyresearch.example', password: 'demo' }),
  });
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: response.headers.getSetCookie()[0]!.split(';')[0]!, csrfToken };
}

let next = 0;
/** Adds a customer and sends for consent, as fast as it can, until the server dies. */
async function traffic(base: string, auth: { cookie: string; csrfToken: string }) {
  const headers = { 'content-type': 'application/json', cookie: auth.cookie, 'x-csrf-token': auth.csrfToken };
  for (;;) {
    const i = next++;
    const added = await fetch(`${base}/api/v1/nominations`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        origin: 'add',
        locationId: SEATTLE,
        engagementIds: [SEC],
        email: `it@crash${i}.example`,
      }),
    });
    if (added.status !== 201) continue;
    const id = ((await added.json()) as { value: { id: string }[] }).value[0]!.id;
    await fetch(`${base}/api/v1/nominations/${id}/consent-requests`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        customerContact: { name: 'Crash Test', email: `cto@crash${i}.example`, locale: 'en' },
        partnerContact: { name: 'Ada', email: 'ada@treyresearch.example' },
      }),
    });
  }
}

async function invariants() {
  const db = handle.db;
  // Every record written has its audit event; every pending one its request, link and email.
  const orphans = await sql<{ n: string }>`
    select count(*) as n from nominations n
     where n.tenant_id in (select tenant_id from tenant_domains where domain like 'crash%')
       and (not exists (select 1 from audit_events a where a.nomination_id = n.id and a.action = 'addCustomer')
            or (n.status = 'consent_pending' and not exists (
                  select 1 from consent_requests cr join consent_links l on l.consent_request_id = cr.id
                   where cr.nomination_id = n.id and cr.voided_at is null))
            or (n.status = 'consent_pending' and not exists (
                  select 1 from mail_messages m where m.nomination_id = n.id and m.template = 'consentRequest'))
            or (n.status = 'claimed' and exists (select 1 from consent_requests cr where cr.nomination_id = n.id)))`.execute(
    db,
  );
  expect(Number(orphans.rows[0]!.n)).toBe(0);
  // Every queued email has its job (queued, rendered with a delivery job, or already sent).
  const stranded = await sql<{ n: string }>`
    select count(*) as n from mail_messages m
     where m.status = 'queued'
       and not exists (select 1 from pgboss.job j where j.name = 'mail.render' and j.data->'mailIds' ? m.id::text)`.execute(
    db,
  );
  expect(Number(stranded.rows[0]!.n)).toBe(0);
}

it(`SIGKILL at random moments during add and consent traffic loses nothing and writes nothing half (${ITERATIONS} kills)`, async () => {
  // One sign-in: the session lives in the database and survives every kill (and sign-in is rate-limited
  // per account, across restarts).
  let auth: Awaited<ReturnType<typeof signIn>> | undefined;
  for (let round = 0; round < ITERATIONS; round++) {
    const base = await startServer();
    auth ??= await signIn(base);
    const running = [traffic(base, auth), traffic(base, auth), traffic(base, auth)].map((p) =>
      p.catch(() => {}),
    );
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 600));
    const dead = new Promise((r) => child!.once('exit', r));
    child!.kill('SIGKILL');
    await dead;
    await Promise.all(running);
    await invariants();
  }
  const pending = await handle.db
    .selectFrom('nominations')
    .select('id')
    .where('status', '=', 'consent_pending')
    .execute();
  expect(pending.length).toBeGreaterThan(0);

  // The last start drains the queue: every email of a pending record is sent, once.
  await startServer();
  await expect
    .poll(
      async () =>
        Number(
          (
            await sql<{ n: string }>`select count(*) as n from mail_messages where status <> 'sent'`.execute(
              handle.db,
            )
          ).rows[0]!.n,
        ),
      { timeout: 120_000, interval: 500 },
    )
    .toBe(0);
  const perRequest = await sql<{ n: string }>`
    select count(*) as n from (
      select m.params->>'consentRequestId' as r, m.params->>'sendNo' as s, count(*) from mail_messages m
       where m.template = 'consentRequest' group by 1, 2 having count(*) > 1) d`.execute(handle.db);
  expect(Number(perRequest.rows[0]!.n)).toBe(0);
  child!.kill('SIGKILL');
}, 300_000);

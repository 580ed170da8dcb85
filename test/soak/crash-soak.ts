import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import type { DatabaseHandle, DatabaseKind } from '../../src/adapters/db/database.ts';
import { engagementId, locationId } from '../../src/seed/demo-catalogue.ts';
import { kill, spawnMci } from '../support/server-process.ts';
import { signIn } from './fixtures.ts';

// Quality §3.8, crash safety, as a soak: the real server (`mci start`) is killed with SIGKILL at random
// moments (during start-up, or during add / claim / consent traffic and the sweeps a moved test clock
// makes due), N times. After every kill the database opens (PGlite: its data directory), every write the
// server acknowledged is there, whole (audit event, consent request with its link and queued email), no
// record is half written and no transition was applied twice. After the last kill one more start drains
// the outbox into a real SMTP sink: every email is delivered, and under one stable Message-ID (a re-sent
// delivery repeats the same id, so the receiver drops the duplicate).

export interface SoakTarget {
  kind: DatabaseKind;
  /** Points `mci start` at the database (DATABASE_URL or MCI_DATA_DIR). */
  env: Record<string, string>;
  /** Domains of customers nobody knows yet: one per add. */
  domains: string[];
  /** Opens the database from the driver (PGlite: only while the server is down). */
  open(): Promise<DatabaseHandle>;
}

export interface SoakReport {
  database: DatabaseKind;
  iterations: number;
  killsDuringStartUp: number;
  acknowledged: { adds: number; claims: number; consentRequests: number; clockMoves: number };
  answers: Record<string, number>;
  /** Acknowledged writes at the end, each checked after every kill that followed it. */
  acknowledgedWritesChecked: number;
  /** Sum over iterations of the acknowledged writes checked then. */
  checks: number;
  losses: string[];
  violations: string[];
  sweptRecords: number;
  emails: { sent: number; failed: number; delivered: number; redelivered: number; strangers: number };
  seconds: number;
}

/** Domains of the soak's customers start with this (the demo's own records are left out of the checks). */
export const SOAK_PREFIX = 'soak';

const ADD_ENGAGEMENT = engagementId('SEC-WS');
const CLAIM_ENGAGEMENT = engagementId('MW-COP');
const LOCATION = locationId('trey-seattle');

async function startSink() {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*<?([^>\r\n]+)>?/im.exec(raw)?.[1];
        if (id) received.push(id.trim());
        callback();
      });
    },
  });
  // A client killed mid-conversation resets its connection: expected here, not an error.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export interface Acked {
  adds: Map<string, string>; // nomination id → tenant id
  claims: Map<string, string>;
  consents: Set<string>;
  clockMoves: number;
  /** How the server answered, by request and status (and error code): a soak must see its traffic. */
  answers: Record<string, number>;
}

export const emptyAcked = (): Acked => ({
  adds: new Map(),
  claims: new Map(),
  consents: new Set(),
  clockMoves: 0,
  answers: {},
});

/** Counts an answer; returns its status. */
async function tally(acked: Acked, kind: string, response: Response): Promise<number> {
  let code = '';
  if (response.status >= 400)
    code = ((await response.json().catch(() => ({}))) as { error?: { code?: string } }).error?.code ?? '';
  const key = `${kind} ${response.status}${code ? ` ${code}` : ''}`;
  acked.answers[key] = (acked.answers[key] ?? 0) + 1;
  return response.status;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Requests as fast as it can until the server dies; records what the server acknowledged. */
async function traffic(
  base: string,
  auth: { cookie: string; csrfToken: string },
  domains: { next: () => string | undefined; giveBack: (domain: string) => void },
  acked: Acked,
  awaitingConsent: { id: string; domain: string }[],
  claimable: string[],
) {
  const headers = { 'content-type': 'application/json', cookie: auth.cookie, 'x-csrf-token': auth.csrfToken };
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  for (;;) {
    const r = Math.random();
    if (r < 0.02) {
      const moved = await post('/api/v1/test-clock', { advance: 'P31D' });
      if ((await tally(acked, 'clock', moved)) === 200) acked.clockMoves++;
    } else if (r < 0.3 && awaitingConsent.length) {
      const { id, domain } = awaitingConsent.shift()!;
      // R34: the customer's contact has an address of the customer's own domain.
      const sent = await post(`/api/v1/nominations/${id}/consent-requests`, {
        customerContact: { name: 'Soak Test', email: `cto-${id.slice(0, 8)}@${domain}`, locale: 'en' },
        partnerContact: { name: 'Ada', email: 'ada@treyresearch.example' },
      });
      if ((await tally(acked, 'consent', sent)) === 202) acked.consents.add(id);
    } else if (r < 0.45 && claimable.length) {
      const tenant = claimable.splice(Math.floor(Math.random() * claimable.length), 1)[0]!;
      const claimed = await post('/api/v1/nominations', {
        origin: 'claim',
        locationId: LOCATION,
        engagementIds: [CLAIM_ENGAGEMENT],
        customerId: tenant,
      });
      if ((await tally(acked, 'claim', claimed)) === 201)
        for (const n of ((await claimed.json()) as { value: { id: string }[] }).value)
          acked.claims.set(n.id, tenant);
    } else {
      const domain = domains.next();
      if (!domain) return;
      const added = await post('/api/v1/nominations', {
        origin: 'add',
        locationId: LOCATION,
        engagementIds: [ADD_ENGAGEMENT],
        email: `it@${domain}`,
      });
      const status = await tally(acked, 'add', added);
      // Refused before any write (stopping, database down, rate limit): the customer is still fresh.
      if (status === 503 || status === 429) domains.giveBack(domain);
      if (status === 201) {
        const [n] = ((await added.json()) as { value: { id: string; customer: { tenantId: string } }[] })
          .value;
        acked.adds.set(n!.id, n!.customer.tenantId);
        awaitingConsent.push({ id: n!.id, domain });
        claimable.push(n!.customer.tenantId);
      }
    }
  }
}

const count = async (db: DatabaseHandle['db'], query: ReturnType<typeof sql<{ n: number }>>) =>
  Number((await query.execute(db)).rows[0]?.n ?? 0);

/** Every acknowledged write is there and whole; nothing is half written; nothing happened twice. */
export async function check(handle: DatabaseHandle, acked: Acked, losses: string[], violations: string[]) {
  const db = handle.db;
  const ids = [...acked.adds.keys(), ...acked.claims.keys()];
  const present = new Set<string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const slice = ids.slice(i, i + 1000);
    const rows = await db
      .selectFrom('nominations as n')
      .innerJoin('audit_events as a', (j) =>
        j.onRef('a.nomination_id', '=', 'n.id').on('a.action', 'in', ['addCustomer', 'claimCustomer']),
      )
      .select('n.id')
      .where('n.id', 'in', slice)
      .execute();
    for (const r of rows) present.add(r.id);
  }
  for (const id of ids)
    if (!present.has(id)) losses.push(`acknowledged record ${id} missing or without audit`);
  const consents = [...acked.consents];
  const withRequest = new Set<string>();
  for (let i = 0; i < consents.length; i += 1000) {
    const rows = await db
      .selectFrom('consent_requests as cr')
      .innerJoin('consent_links as l', 'l.consent_request_id', 'cr.id')
      .innerJoin('mail_messages as m', (j) =>
        j.onRef('m.nomination_id', '=', 'cr.nomination_id').on('m.template', '=', 'consentRequest'),
      )
      .select('cr.nomination_id')
      .where('cr.nomination_id', 'in', consents.slice(i, i + 1000))
      .execute();
    for (const r of rows) withRequest.add(r.nomination_id);
  }
  for (const id of consents)
    if (!withRequest.has(id)) losses.push(`acknowledged consent request of ${id} missing its link or email`);

  const halves = await count(
    db,
    sql<{ n: number }>`
      select count(*)::int as n from nominations n
       where n.tenant_id in (select tenant_id from tenant_domains where domain like ${`${SOAK_PREFIX}%`})
         and (not exists (select 1 from audit_events a where a.nomination_id = n.id
                          and a.action in ('addCustomer', 'claimCustomer'))
          or (n.status = 'consent_pending' and not exists (
                select 1 from consent_requests cr join consent_links l on l.consent_request_id = cr.id
                 where cr.nomination_id = n.id and cr.voided_at is null))
          or (n.status = 'consent_pending' and not exists (
                select 1 from mail_messages m where m.nomination_id = n.id and m.template = 'consentRequest')))`,
  );
  if (halves) violations.push(`${halves} records half written`);
  const stranded = await count(
    db,
    sql<{ n: number }>`
      select count(*)::int as n from mail_messages m
       where m.status = 'queued'
         and not exists (select 1 from pgboss.job j where j.name = 'mail.render' and j.data->'mailIds' ? m.id::text)`,
  );
  if (stranded) violations.push(`${stranded} queued emails without their render job`);
  const twice = await count(
    db,
    sql<{ n: number }>`
      select count(*)::int as n from (
        select nomination_id, action, from_status, to_status from audit_events
         where nomination_id is not null and to_status is not null
         group by 1, 2, 3, 4 having count(*) > 1) d`,
  );
  if (twice) violations.push(`${twice} transitions recorded twice`);
  const doubleMail = await count(
    db,
    sql<{ n: number }>`
      select count(*)::int as n from (
        select params->>'consentRequestId', params->>'sendNo' from mail_messages
         where template = 'consentRequest' group by 1, 2 having count(*) > 1) d`,
  );
  if (doubleMail) violations.push(`${doubleMail} consent emails queued twice`);
  return ids.length + consents.length;
}

async function metric(base: string, name: string, label: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const m = new RegExp(`^${name}\\{status="${label}"\\} (\\d+)`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

export async function runSoak(
  target: SoakTarget,
  options: { iterations: number; log?: (line: string) => void },
): Promise<SoakReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const sink = await startSink();
  const env = {
    ...target.env,
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    MCI_TEST_CLOCK: '1',
    // Jobs lost with a killed process are found and retried within seconds, not minutes.
    JOB_MAINTENANCE_SECONDS: '2',
    JOB_TIMEOUT_SECONDS: '5',
    MAIL_RETRY_DELAY_SECONDS: '1',
  };
  const acked = emptyAcked();
  const awaitingConsent: { id: string; domain: string }[] = [];
  const claimable: string[] = [];
  const losses: string[] = [];
  const violations: string[] = [];
  let nextDomain = 0;
  const returned: string[] = [];
  const domains = {
    next: () => returned.pop() ?? target.domains[nextDomain++],
    giveBack: (domain: string) => returned.push(domain),
  };
  let checks = 0;
  let killsDuringStartUp = 0;
  const isPg = target.kind === 'postgres';
  // PostgreSQL: the driver keeps its connection; PGlite: the data directory is opened after each kill.
  const pg = isPg ? await target.open() : undefined;
  // The demo's emails (sent at seed time, never through SMTP) are not the soak's.
  const before = pg ?? (await target.open());
  const demoMail = new Set(
    (await before.db.selectFrom('mail_messages').select('id').execute()).map((r) => r.id),
  );
  if (!pg) await before.close();
  // One session for the whole run: sessions outlive the process (they are rows), and signing in at every
  // restart would meet the sign-in rate limit, which the database keeps across restarts (ADR 0016).
  let auth: Awaited<ReturnType<typeof signIn>> | undefined;
  try {
    for (let i = 0; i < options.iterations; i++) {
      const server = spawnMci('start', env);
      if (Math.random() < 0.15) {
        // Killed at a random moment of its start-up (migrations, queue set-up, catch-up sweep…).
        await Promise.race([server.ready.catch(() => {}), sleep(Math.random() * 3000)]);
        killsDuringStartUp++;
      } else {
        const base = await server.ready.catch((error: unknown) => {
          violations.push(`the server did not start: ${String((error as Error).message).slice(0, 2000)}`);
          return undefined;
        });
        if (!base) break;
        auth ??= await signIn(base);
        const session = auth;
        const loops = [1, 2, 3].map(() =>
          traffic(base, session, domains, acked, awaitingConsent, claimable).catch(() => {}),
        );
        // The kill comes at a random moment of the traffic, counted from the first answer (on a loaded
        // machine the first requests of a fresh process can take longer than the whole window).
        const answered = () => Object.values(acked.answers).reduce((a, b) => a + b, 0);
        const before = answered();
        for (let waited = 0; answered() === before && waited < 30_000; waited += 50) await sleep(50);
        await sleep(200 + Math.random() * 1800);
        await kill(server);
        await Promise.all(loops);
      }
      await kill(server);
      const handle = pg ?? (await target.open());
      try {
        checks += await check(handle, acked, losses, violations);
      } finally {
        if (!pg) await handle.close();
      }
      log(
        `${new Date().toISOString().slice(11, 19)} ${target.kind} ${i + 1}/${options.iterations}: ${acked.adds.size} adds, ${acked.claims.size} claims, ` +
          `${acked.consents.size} consent requests acknowledged; losses ${losses.length}, violations ${violations.length}; ` +
          `answers ${JSON.stringify(acked.answers)}`,
      );
      if (losses.length || violations.length) break;
    }

    // One more start drains the outbox into the SMTP sink.
    const server = spawnMci('start', env);
    const base = await server.ready;
    for (let waited = 0; ; waited += 500) {
      const pending =
        (await metric(base, 'mci_emails', 'queued')) + (await metric(base, 'mci_emails', 'rendered'));
      if (pending === 0) break;
      if (waited > 300_000) {
        violations.push(`${pending} emails still not delivered after 5 minutes`);
        break;
      }
      await sleep(500);
    }
    server.proc.kill('SIGTERM');
    await server.exited;
    const handle = pg ?? (await target.open());
    const emails = { sent: 0, failed: 0, delivered: sink.received.length, redelivered: 0, strangers: 0 };
    let sweptRecords = 0;
    try {
      const rows = (
        await handle.db.selectFrom('mail_messages').select(['id', 'message_id', 'status']).execute()
      ).filter((r) => !demoMail.has(r.id));
      const ids = new Set(rows.map((r) => r.message_id.replace(/^<|>$/g, '')));
      const got = new Set(sink.received);
      emails.sent = rows.filter((r) => r.status === 'sent').length;
      emails.failed = rows.filter((r) => r.status === 'failed').length;
      emails.redelivered = sink.received.length - got.size;
      emails.strangers = [...got].filter((id) => !ids.has(id)).length;
      for (const r of rows)
        if (r.status === 'sent' && !got.has(r.message_id.replace(/^<|>$/g, '')))
          violations.push(`email ${r.message_id} marked sent but never received`);
      if (emails.failed) violations.push(`${emails.failed} emails failed although SMTP was up`);
      if (emails.strangers)
        violations.push(`${emails.strangers} emails received under an unknown Message-ID`);
      sweptRecords = await count(
        handle.db,
        sql<{
          n: number;
        }>`select count(*)::int as n from audit_events where actor_kind = 'system' and to_status is not null`,
      );
      // A soak whose traffic is refused proves nothing: each kind of write must have been acknowledged.
      for (const [kind, n] of [
        ['add', acked.adds.size],
        ['consent request', acked.consents.size],
      ] as const)
        if (n === 0) violations.push(`no ${kind} was ever acknowledged: the traffic did not exercise it`);
      checks += await check(handle, acked, losses, violations);
    } finally {
      if (!pg) await handle.close();
    }
    return {
      database: target.kind,
      iterations: options.iterations,
      killsDuringStartUp,
      acknowledged: {
        adds: acked.adds.size,
        claims: acked.claims.size,
        consentRequests: acked.consents.size,
        clockMoves: acked.clockMoves,
      },
      answers: acked.answers,
      acknowledgedWritesChecked: acked.adds.size + acked.claims.size + acked.consents.size,
      checks,
      losses,
      violations,
      sweptRecords,
      emails,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await pg?.close().catch(() => {});
    await sink.close();
  }
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/main/runtime.ts';
import { DATABASE_KINDS, freshDatabase } from '../support/databases.ts';

// Issue 13 items 1 and 2, on the server as `mci start` wires it (in process): liveness never touches the
// database, readiness names the check that fails, /health stays an alias, and /metrics serves the
// Prometheus text with routes as patterns, the pool, the job queue, the outbox, sweeps and the process.
// PGlite runs without METRICS_TOKEN (loopback only), PostgreSQL with one (bearer token).

const TOKEN = 'metrics-token-0123456789abcdef';

for (const kind of DATABASE_KINDS) {
  describe(`health and metrics [${kind}]`, () => {
    let server: Awaited<ReturnType<typeof startServer>>;
    let base: string;
    const auth: Record<string, string> = kind === 'postgres' ? { authorization: `Bearer ${TOKEN}` } : {};
    beforeAll(async () => {
      const env: Record<string, string> = {
        PORT: '0',
        MCI_SEED_DEMO: 'never',
        LOG_LEVEL: 'silent',
        MCI_DATA_DIR: mkdtempSync(join(tmpdir(), 'mci-health-')),
      };
      if (kind === 'postgres') {
        const handle = await freshDatabase('postgres');
        env.DATABASE_URL = handle.url!;
        env.METRICS_TOKEN = TOKEN;
        await handle.close();
      }
      server = await startServer(loadConfig(env));
      base = server.address.replace('0.0.0.0', '127.0.0.1');
    }, 120_000);
    afterAll(async () => {
      await server?.close(1000);
    });

    const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

    it('is ready with every check named, and /health is the same answer', async () => {
      for (const path of ['/api/v1/health/ready', '/api/v1/health']) {
        const response = await get(path);
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({
          status: 'ok',
          checks: { database: 'ok', migrations: 'ok', jobQueue: 'ok' },
        });
      }
    });

    it('answers liveness while the database is busy, without waiting for it', async () => {
      if (kind !== 'pglite') {
        expect((await get('/api/v1/health/live')).status).toBe(200);
        return;
      }
      // PGlite has one session: hold it, and liveness still answers (readiness would wait its turn).
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      let holding!: () => void;
      const taken = new Promise<void>((r) => {
        holding = r;
      });
      const tx = server.runtime.handle.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        holding();
        await held;
      });
      await taken;
      try {
        const live = await get('/api/v1/health/live', { cookie: 'mci_session=not-a-real-session' });
        expect(live.status).toBe(200);
        expect(await live.json()).toEqual({ status: 'ok' });
        expect(server.runtime.handle.stats()).toMatchObject({ inUse: 1 });
      } finally {
        release();
        await tx;
      }
    });

    it('is not ready, naming the check, when a migration is missing', async () => {
      const db = server.runtime.handle.db;
      // Kysely's own table, outside the schema types.
      const last = (
        await sql<{ name: string; timestamp: string }>`
          select name, timestamp from kysely_migration order by name desc limit 1`.execute(db)
      ).rows[0]!;
      await sql`delete from kysely_migration where name = ${last.name}`.execute(db);
      try {
        const response = await get('/api/v1/health/ready', { 'accept-language': 'pl' });
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBeTruthy();
        const body = (await response.json()) as { error: Record<string, unknown> };
        expect(body.error).toMatchObject({
          code: 'ServiceUnavailable',
          target: 'migrations',
          isRetryable: true,
          details: [{ code: 'HealthCheckFailed', target: 'migrations' }],
        });
        expect(String((body.error.details as { message: string }[])[0]!.message)).toContain('migrations');
        expect(body.error.correlationId).toBe(response.headers.get('x-correlation-id'));
        expect((await get('/api/v1/health')).status).toBe(503);
        expect((await get('/api/v1/health/live')).status).toBe(200);
      } finally {
        await db
          .insertInto('kysely_migration' as never)
          .values(last as never)
          .execute();
      }
      expect((await get('/api/v1/health/ready')).status).toBe(200);
    });

    it('describes the health and metrics routes in the OpenAPI document', async () => {
      const paths = ((await (await get('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> })
        .paths;
      for (const path of ['/api/v1/health/live', '/api/v1/health/ready', '/api/v1/health', '/metrics'])
        expect(paths[path], path).toBeTruthy();
    });

    it('serves Prometheus metrics: routes as patterns, pool, jobs, outbox, sweeps, process', async () => {
      const id = crypto.randomUUID();
      await get(`/api/v1/nominations/${id}`);
      const sweeps = (text: string) =>
        Number(/^mci_sweep_records_count\{sweep="deadlines"\} (\d+)/m.exec(text)?.[1] ?? 0);
      const before = sweeps(await (await get('/metrics', auth)).text());
      // A sweep run through the queue, as the cron would start it.
      await server.runtime.queue.boss.send('sweep.deadlines', {});
      let text = '';
      for (let i = 0; i < 240; i++) {
        const response = await get('/metrics', auth);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toContain('text/plain');
        text = await response.text();
        if (sweeps(text) > before) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(sweeps(text)).toBeGreaterThan(before);
      expect(text).toMatch(
        /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/nominations\/:nominationId",status="401"\} [1-9]/,
      );
      expect(text).not.toContain(id);
      expect(text).toMatch(/^mci_db_pool_in_use \d+/m);
      expect(text).toMatch(/^mci_db_pool_waiting \d+/m);
      expect(text).toMatch(/^mci_database_up 1/m);
      expect(text).toMatch(/^mci_sweep_records_count\{sweep="deadlines"\} [1-9]/m);
      expect(text).toMatch(/^mci_sweep_duration_seconds_count\{sweep="deadlines"\} [1-9]/m);
      expect(text).toMatch(/^mci_jobs_finished_total\{name="sweep.deadlines",result="completed"\} [1-9]/m);
      expect(text).toContain('# TYPE mci_jobs gauge');
      expect(text).toContain('# TYPE mci_emails gauge');
      expect(text).toMatch(/^process_cpu_user_seconds_total /m);
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    });

    it('refuses /metrics to whoever may not read it, in the error shape', async () => {
      if (kind === 'postgres') {
        expect((await get('/metrics')).status).toBe(401);
        const wrong = await get('/metrics', { authorization: `Bearer ${TOKEN.replace('0', 'x')}` });
        expect(wrong.status).toBe(401);
        expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('Unauthenticated');
      } else {
        expect((await get('/metrics')).status).toBe(200);
        // Without a token, a request that came through a proxy is not a local scraper.
        const proxied = await get('/metrics', { 'x-forwarded-for': '203.0.113.9' });
        expect(proxied.status).toBe(403);
        expect(((await proxied.json()) as { error: { code: string } }).error.code).toBe('Forbidden');
      }
    });

    it('is not ready once its job queue has stopped (and still alive)', async () => {
      await server.runtime.queue.stop(1000);
      const response = await get('/api/v1/health/ready');
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: { target: string } }).error.target).toBe('jobQueue');
      expect((await get('/api/v1/health/live')).status).toBe(200);
    });
  });
}

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { argon2Hasher } from '../adapters/auth/argon2-hasher.ts';
import { createOidcClient } from '../adapters/auth/oidc-client.ts';
import { systemClock } from '../adapters/clock/clock.ts';
import { OffsetClock } from '../adapters/clock/test-clock.ts';
import { type DatabaseHandle, openDatabase } from '../adapters/db/database.ts';
import { migrateToLatest } from '../adapters/db/migrate.ts';
import { databaseRateLimitStore } from '../adapters/db/rate-limit-store.ts';
import { createStore } from '../adapters/db/repositories/index.ts';
import { embeddedDirectory } from '../adapters/directory/embedded-directory.ts';
import { entraDiscoveryDirectory } from '../adapters/directory/entra-discovery-directory.ts';
import { localFileStore } from '../adapters/files/local-file-store.ts';
import { embeddedMailbox, smtpTransport } from '../adapters/mail/transports.ts';
import { JobQueue } from '../adapters/queue/job-queue.ts';
import type { AppContext, Clock, CustomerDirectory, FileStore, OidcPort } from '../app/ports.ts';
import type { Config } from '../config.ts';
import { buildHttpApp } from '../http/app.ts';
import { startWorker } from '../jobs/worker.ts';
import { demoFiles, seedDemo } from '../seed/demo.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_ROOT = join(ROOT, 'dist/web');

// The composition root: the only place that picks adapters and wires them to the use cases.

export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  return config.databaseUrl
    ? openDatabase({ kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize })
    : openDatabase({ kind: 'pglite', dataDir: join(config.dataDir, 'pglite') });
}

export interface Runtime {
  handle: DatabaseHandle;
  ctx: AppContext;
  queue: JobQueue;
  demoUsers: { email: string; role: string }[] | null;
  close(): Promise<void>;
}

/** What a test may swap in; everything else is chosen from the configuration exactly as in production. */
export interface ContextOverrides {
  /** The business clock (tests: a manual clock). Sessions, rate limits and cookies keep real time. */
  clock?: Clock;
  directory?: CustomerDirectory;
  files?: FileStore;
  oidc?: OidcPort;
}

/**
 * The application context for a configuration: the one wiring of adapters to use cases, used by
 * `mci start`, `mci worker` and the tests alike (the guide: test what ships).
 */
export function composeContext(
  handle: DatabaseHandle,
  config: Config,
  overrides: ContextOverrides = {},
): { ctx: AppContext; queue: JobQueue } {
  // The test clock (MCI_TEST_CLOCK=1, never by default) shares its offset through the database (R36).
  const testClock = !overrides.clock && config.testClock ? new OffsetClock(handle.db) : undefined;
  const queue = new JobQueue(handle, {
    maintenanceSeconds: config.jobMaintenanceSeconds,
    ...(config.jobTimeoutSeconds ? { timeoutSeconds: config.jobTimeoutSeconds } : {}),
  });
  const ctx: AppContext = {
    db: handle.db,
    store: createStore(handle.db, queue),
    clock: overrides.clock ?? testClock ?? systemClock,
    // R36: moving the business clock never signs anybody out or lifts a rate limit.
    realClock: systemClock,
    jobs: queue,
    passwords: argon2Hasher,
    oidc: overrides.oidc ?? (config.oidc ? createOidcClient(config.oidc) : undefined),
    directory:
      overrides.directory ??
      (config.directoryUrl
        ? entraDiscoveryDirectory({ baseUrl: config.directoryUrl })
        : embeddedDirectory(handle.db)),
    settings: { sessionTtlHours: config.sessionTtlHours },
    mail: {
      from: config.mailFrom,
      transport: config.smtpUrl ? smtpTransport(config.smtpUrl) : embeddedMailbox,
      maxAttempts: config.mailMaxAttempts,
      retryDelaySeconds: config.mailRetryDelaySeconds,
    },
    links: { baseUrl: config.publicUrl ?? `http://${config.host}:${config.port}` },
    testClock,
    // POE uploads (issue 6): content-addressed files on local disk.
    files: overrides.files ?? localFileStore(join(config.dataDir, 'files')),
  };
  return { ctx, queue };
}

/** The HTTP app over a composed context, as `mci start` serves it. */
export function composeHttpApp(
  handle: DatabaseHandle,
  ctx: AppContext,
  config: Config,
  options: { webRoot?: string } = {},
) {
  const webRoot = options.webRoot ?? (existsSync(WEB_ROOT) ? WEB_ROOT : undefined);
  return buildHttpApp({
    ctx,
    ...(webRoot ? { webRoot } : {}),
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
    publicUrl: config.publicUrl,
    ping: async () => {
      await sql`select 1`.execute(handle.db);
    },
    rateLimitStore: databaseRateLimitStore(handle.db),
  });
}

export async function createRuntime(config: Config, overrides: ContextOverrides = {}): Promise<Runtime> {
  const handle = await openConfiguredDatabase(config);
  await migrateToLatest(handle.db);
  const { ctx, queue } = composeContext(handle, config, overrides);
  await ctx.testClock?.sync();
  let demoUsers: Runtime['demoUsers'] = null;
  if (config.seedDemo === 'auto') {
    // Only a database with no partner at all gets the demo (a real installation never does).
    const any = await handle.db.selectFrom('partners').select('id').limit(1).executeTakeFirst();
    const demo = await handle.db
      .selectFrom('app_settings')
      .select('value')
      .where('key', '=', 'demo')
      .executeTakeFirst();
    if (!any || demo) demoUsers = (await seedDemo(handle.db, ctx.clock.now())).users;
  }
  // The demo's uploads are real PDFs (also after `mci seed`, which has no file store: whenever the
  // database holds the demo).
  const hasDemo = await handle.db
    .selectFrom('app_settings')
    .select('key')
    .where('key', '=', 'demo')
    .executeTakeFirst();
  if ((demoUsers || hasDemo) && ctx.files)
    for (const f of demoFiles()) await ctx.files.put(Readable.from([f.bytes]), f.bytes.length);
  return {
    handle,
    ctx,
    queue,
    demoUsers,
    async close() {
      await queue.stop();
      await handle.close();
    },
  };
}

export async function startServer(config: Config, options: ContextOverrides & { worker?: boolean } = {}) {
  const { worker: workerOption, ...overrides } = options;
  const runtime = await createRuntime(config, overrides);
  const worker = workerOption ?? config.role !== 'api';
  await runtime.queue.start({ schedule: worker });
  if (worker) await startWorker(runtime.ctx, runtime.queue);
  const app = await composeHttpApp(runtime.handle, runtime.ctx, config);
  const address = await app.listen({ port: config.port, host: config.host });
  // Without PUBLIC_URL, links in emails point at the address actually bound (PORT=0 in tests).
  if (!config.publicUrl) runtime.ctx.links = { baseUrl: address.replace('0.0.0.0', '127.0.0.1') };
  return {
    app,
    runtime,
    address,
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { argon2Hasher } from '../adapters/auth/argon2-hasher.ts';
import { createOidcClient } from '../adapters/auth/oidc-client.ts';
import { systemClock } from '../adapters/clock/clock.ts';
import { OffsetClock } from '../adapters/clock/test-clock.ts';
import { type DatabaseHandle, openDatabase } from '../adapters/db/database.ts';
import { migrateToLatest } from '../adapters/db/migrate.ts';
import { PRINCIPAL_CHANNEL } from '../adapters/db/migrations/0008_principal_changes.ts';
import { databaseRateLimitStore } from '../adapters/db/rate-limit-store.ts';
import { createStore } from '../adapters/db/repositories/index.ts';
import { embeddedDirectory } from '../adapters/directory/embedded-directory.ts';
import { entraDiscoveryDirectory } from '../adapters/directory/entra-discovery-directory.ts';
import { localFileStore } from '../adapters/files/local-file-store.ts';
import { embeddedMailbox, smtpTransport } from '../adapters/mail/transports.ts';
import { JobQueue } from '../adapters/queue/job-queue.ts';
import { httpWebhookSender } from '../adapters/webhooks/http-sender.ts';
import { SessionCache } from '../app/auth/session-cache.ts';
import type { AppContext, Clock, CustomerDirectory, FileStore, OidcPort } from '../app/ports.ts';
import type { Config } from '../config.ts';
import { buildHttpApp } from '../http/app.ts';
import { startWorker } from '../jobs/worker.ts';
import { demoFiles, seedDemo } from '../seed/demo.ts';
import { openControlSocket } from './control-socket.ts';
import { createLogger } from './logger.ts';
import { observeRuntime } from './metrics.ts';
import { readinessChecks } from './readiness.ts';
import { drainHttp } from './shutdown.ts';
import { withStartupLock } from './startup-lock.ts';

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
  /** Starts the job queue (its set-up runs under the start-up lock, like the migrations). */
  startQueue(options: { schedule: boolean }): Promise<void>;
  /** Stops the queue (running jobs get `graceMs` to finish, then go back to the queue), then the database. */
  close(graceMs?: number): Promise<void>;
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
    logger: createLogger(config.logLevel),
  });
  const ctx: AppContext = {
    store: createStore(handle.db, queue),
    clock: overrides.clock ?? testClock ?? systemClock,
    // R36: moving the business clock never signs anybody out or lifts a rate limit.
    realClock: systemClock,
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
    sessionCache: new SessionCache(),
    // POE uploads (issue 6): content-addressed files on local disk.
    files: overrides.files ?? localFileStore(join(config.dataDir, 'files')),
    webhooks: {
      sender: httpWebhookSender({ allowPrivate: config.webhooksAllowPrivate }),
      allowPrivate: config.webhooksAllowPrivate,
      retryDelaysSeconds: config.webhookRetryDelaysSeconds,
    },
  };
  return { ctx, queue };
}

/** The HTTP app over a composed context, as `mci start` serves it (health, metrics, logs, limits). */
export async function composeHttpApp(
  handle: DatabaseHandle,
  ctx: AppContext,
  queue: JobQueue,
  config: Config,
  options: { webRoot?: string } = {},
) {
  const webRoot = options.webRoot ?? (existsSync(WEB_ROOT) ? WEB_ROOT : undefined);
  const { database, ...readiness } = readinessChecks(handle, queue);
  // The session cache trusts its entries only while the database's change notices reach it (ADR 0017).
  const cache = ctx.sessionCache;
  const unlisten = cache
    ? await handle.listen(
        PRINCIPAL_CHANNEL,
        (notice) => cache.forget(notice),
        (on) => cache.listening(on),
      )
    : undefined;
  const app = await buildHttpApp({
    ctx,
    ...(webRoot ? { webRoot } : {}),
    logger: createLogger(config.logLevel),
    trustProxy: config.trustProxy,
    publicUrl: config.publicUrl,
    ping: database,
    readiness,
    metrics: { token: config.metricsToken },
    rateLimitStore: databaseRateLimitStore(handle.db),
  });
  if (unlisten) app.addHook('onClose', unlisten);
  return app;
}

export async function createRuntime(config: Config, overrides: ContextOverrides = {}): Promise<Runtime> {
  const handle = await openConfiguredDatabase(config);
  // Migrations and the demo seed: one instance at a time (src/main/startup-lock.ts).
  return withStartupLock(handle, () => prepareRuntime(config, handle, overrides));
}

async function prepareRuntime(
  config: Config,
  handle: DatabaseHandle,
  overrides: ContextOverrides,
): Promise<Runtime> {
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
  const unobserve = observeRuntime({ handle, queue });
  return {
    handle,
    ctx,
    queue,
    demoUsers,
    startQueue: (o) => withStartupLock(handle, () => queue.start(o)),
    async close(graceMs) {
      unobserve();
      await queue.stop(graceMs);
      await handle.close();
    },
  };
}

export async function startServer(config: Config, options: ContextOverrides & { worker?: boolean } = {}) {
  const { worker: workerOption, ...overrides } = options;
  const runtime = await createRuntime(config, overrides);
  const worker = workerOption ?? config.role !== 'api';
  await runtime.startQueue({ schedule: worker });
  if (worker) await startWorker(runtime.ctx, runtime.queue);
  const app = await composeHttpApp(runtime.handle, runtime.ctx, runtime.queue, config);
  const address = await app.listen({ port: config.port, host: config.host });
  // Embedded mode: `mci backup` reaches the running server through a socket in the data dir (ADR 0015).
  const control = runtime.handle.pglite ? await openControlSocket(config.dataDir, runtime.handle) : undefined;
  // Without PUBLIC_URL, links in emails point at the address actually bound (PORT=0 in tests).
  if (!config.publicUrl) runtime.ctx.links = { baseUrl: address.replace('0.0.0.0', '127.0.0.1') };
  return {
    app,
    runtime,
    address,
    /** Graceful stop: HTTP drains within `graceMs`, then running jobs get what is left of it. */
    async close(graceMs = 5000) {
      const started = Date.now();
      await control?.close();
      await drainHttp(app, graceMs);
      await runtime.close(Math.max(1000, graceMs - (Date.now() - started)));
    },
  };
}

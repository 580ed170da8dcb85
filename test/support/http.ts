import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { ManualClock } from '../../src/adapters/clock/clock.ts';
import type { DatabaseHandle, Db } from '../../src/adapters/db/database.ts';
import type { JobQueue } from '../../src/adapters/queue/job-queue.ts';
import type { AppContext, CustomerDirectory, OidcPort } from '../../src/app/ports.ts';
import { loadConfig } from '../../src/config.ts';
import { composeContext, composeHttpApp } from '../../src/main/runtime.ts';
import { TEST_PASSWORD } from './factories.ts';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: ManualClock;
  queue: JobQueue;
  /** The query builder under the store, for a test's own set-up and checks (never the app's). */
  db: Db;
}

/**
 * The real HTTP app over a real database, composed exactly as `mci start` composes it
 * (src/main/runtime.ts), with a manual business clock; requests go through Fastify's inject.
 */
export function useTestApp(
  handle: () => DatabaseHandle,
  options: {
    oidc?: () => OidcPort;
    publicUrl?: string;
    directory?: () => CustomerDirectory;
    env?: Record<string, string>;
  } = {},
): () => TestApp {
  let testApp: TestApp | undefined;
  beforeAll(async () => {
    const h = handle();
    const clock = new ManualClock();
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      MCI_DATA_DIR: mkdtempSync(join(tmpdir(), 'mci-test-data-')),
      ...(options.publicUrl ? { PUBLIC_URL: options.publicUrl } : {}),
      ...options.env,
    });
    const { ctx, queue } = composeContext(h, config, {
      clock,
      ...(options.oidc ? { oidc: options.oidc() } : {}),
      ...(options.directory ? { directory: options.directory() } : {}),
    });
    await queue.start({ schedule: false });
    const app = await composeHttpApp(h, ctx, queue, config);
    await app.ready();
    testApp = { app, ctx, clock, queue, db: h.db };
  });
  afterAll(async () => {
    await testApp?.app.close();
    await testApp?.queue.stop();
  });
  return () => {
    if (!testApp) throw new Error('test app not ready');
    return testApp;
  };
}

/** A signed-in client: keeps the session cookie and sends the CSRF token on unsafe requests. */
export async function signInAs(app: FastifyInstance, email: string, password = TEST_PASSWORD) {
  const response = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'mci_session');
  const { csrfToken } = response.json() as { csrfToken: string };
  const request = (options: InjectOptions) =>
    app.inject({
      ...options,
      headers: {
        cookie: `mci_session=${cookie?.value}`,
        ...(options.method && options.method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}),
        ...(options.headers ?? {}),
      },
    });
  return { request, csrfToken, cookie: cookie!, body: response.json() };
}

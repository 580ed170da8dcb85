import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { argon2Hasher } from '../../src/adapters/auth/argon2-hasher.ts';
import { ManualClock } from '../../src/adapters/clock/clock.ts';
import type { DatabaseHandle } from '../../src/adapters/db/database.ts';
import { embeddedDirectory } from '../../src/adapters/directory/embedded-directory.ts';
import { localFileStore } from '../../src/adapters/files/local-file-store.ts';
import { JobQueue } from '../../src/adapters/queue/job-queue.ts';
import type { AppContext, CustomerDirectory, OidcPort } from '../../src/app/ports.ts';
import { buildHttpApp } from '../../src/http/app.ts';
import { TEST_PASSWORD } from './factories.ts';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: ManualClock;
  queue: JobQueue;
}

/** The real HTTP app over a real database, with a manual clock; requests go through Fastify's inject. */
export function useTestApp(
  handle: () => DatabaseHandle,
  options: { oidc?: () => OidcPort; publicUrl?: string; directory?: () => CustomerDirectory } = {},
): () => TestApp {
  let testApp: TestApp | undefined;
  beforeAll(async () => {
    const h = handle();
    const clock = new ManualClock();
    const queue = new JobQueue(h);
    await queue.start({ schedule: false });
    const ctx: AppContext = {
      db: h.db,
      clock,
      jobs: queue,
      passwords: argon2Hasher,
      oidc: options.oidc?.(),
      directory: options.directory?.() ?? embeddedDirectory(h.db),
      settings: { sessionTtlHours: 12 },
      files: localFileStore(mkdtempSync(join(tmpdir(), 'mci-test-files-'))),
    };
    const app = await buildHttpApp({
      ctx,
      logLevel: 'silent',
      publicUrl: options.publicUrl,
      ping: async () => void (await sql`select 1`.execute(h.db)),
    });
    await app.ready();
    testApp = { app, ctx, clock, queue };
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

import { sql } from 'kysely';
import { argon2Hasher } from '../src/adapters/auth/argon2-hasher.ts';
import { systemClock } from '../src/adapters/clock/clock.ts';
import type { DatabaseHandle } from '../src/adapters/db/database.ts';
import { embeddedDirectory } from '../src/adapters/directory/embedded-directory.ts';
import { JobQueue } from '../src/adapters/queue/job-queue.ts';
import type { AppContext } from '../src/app/ports.ts';
import { buildHttpApp } from '../src/http/app.ts';

/** The real HTTP app on a loopback port over `handle`, with one user signed in (demo password). */
export async function startBenchApp(handle: DatabaseHandle, email: string) {
  const queue = new JobQueue(handle);
  await queue.start({ schedule: false });
  const ctx: AppContext = {
    db: handle.db,
    clock: systemClock,
    jobs: queue,
    passwords: argon2Hasher,
    directory: embeddedDirectory(handle.db),
    settings: { sessionTtlHours: 12 },
  };
  const app = await buildHttpApp({
    ctx,
    logLevel: 'silent',
    ping: async () => void (await sql`select 1`.execute(handle.db)),
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const signIn = await fetch(`${address}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo' }),
  });
  if (!signIn.ok) throw new Error(`bench sign-in as ${email} failed: ${signIn.status}`);
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
  return {
    address,
    cookie,
    csrfToken,
    async close() {
      await app.close();
      await queue.stop();
    },
  };
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseHandle } from '../src/adapters/db/database.ts';
import { loadConfig } from '../src/config.ts';
import { composeContext, composeHttpApp } from '../src/main/runtime.ts';

/** The real HTTP app on a loopback port over `handle`, with one user signed in (demo password). */
export async function startBenchApp(handle: DatabaseHandle, email: string) {
  // Composed exactly as `mci start` composes it (src/main/runtime.ts).
  const config = loadConfig({ LOG_LEVEL: 'silent', MCI_DATA_DIR: mkdtempSync(join(tmpdir(), 'mci-bench-')) });
  const { ctx, queue } = composeContext(handle, config);
  await queue.start({ schedule: false });
  const app = await composeHttpApp(handle, ctx, queue, config);
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

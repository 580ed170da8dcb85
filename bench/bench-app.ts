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
  const signIn = async (who: string) => {
    const response = await fetch(`${address}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: who, password: 'demo' }),
    });
    if (!response.ok) throw new Error(`bench sign-in as ${who} failed: ${response.status}`);
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return { cookie: response.headers.getSetCookie()[0]!.split(';')[0]!, csrfToken };
  };
  const { cookie, csrfToken } = await signIn(email);
  return {
    address,
    cookie,
    csrfToken,
    /** Signs in another user (demo password): its cookie (name=value) and CSRF token. */
    signIn,
    async close() {
      await app.close();
      await queue.stop();
    },
  };
}

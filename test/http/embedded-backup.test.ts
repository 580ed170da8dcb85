import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/adapters/db/database.ts';
import { engagementId, locationId } from '../../src/seed/demo-catalogue.ts';
import { prepareInstallation, signIn } from '../support/installation.ts';
import { kill, type MciProcess, spawnMci } from '../support/server-process.ts';

// Issue 13 item 9: `mci backup` takes a consistent backup of the embedded database while the server
// runs (through the server, ADR 0015) or while it is stopped; `mci restore` puts it into a fresh data
// directory, where every record is found, and nothing written after the backup.

const ROOT = resolve(import.meta.dirname, '../..');
let server: MciProcess | undefined;
afterAll(async () => {
  if (server) await kill(server);
});

function mci(args: string[], env: Record<string, string>) {
  const run = spawnSync(process.execPath, ['bin/mci.mjs', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

async function snapshot(dataDir: string) {
  const handle = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
  try {
    const ids = (await handle.db.selectFrom('nominations').select('id').execute()).map((r) => r.id).sort();
    const audits = (await handle.db.selectFrom('audit_events').select('id').execute()).length;
    const users = (await handle.db.selectFrom('users').select('id').execute()).length;
    const tenants = (await handle.db.selectFrom('tenants').select('id').execute()).length;
    return { ids, audits, users, tenants };
  } finally {
    await handle.close();
  }
}

it('backs up the embedded database while it runs and when stopped; a restore finds every record', async () => {
  const install = await prepareInstallation('pglite', { customers: 4 });
  const dataDir = install.env.MCI_DATA_DIR!;
  server = spawnMci('start', install.env);
  const base = await server.ready;
  const auth = await signIn(base);
  const add = async (domain: string) => {
    const response = await fetch(`${base}/api/v1/nominations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: auth.cookie, 'x-csrf-token': auth.csrfToken },
      body: JSON.stringify({
        origin: 'add',
        locationId: locationId('trey-seattle'),
        engagementIds: [engagementId('SEC-WS')],
        email: `it@${domain}`,
      }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { value: { id: string }[] }).value[0]!.id;
  };
  const before = [
    await add(install.domains[0]!),
    await add(install.domains[1]!),
    await add(install.domains[2]!),
  ];

  const files = mkdtempSync(join(tmpdir(), 'mci-backups-'));
  const online = mci(['backup', join(files, 'online.tar.gz')], { MCI_DATA_DIR: dataDir });
  expect(online.status, online.out).toBe(0);
  expect(online.out).toContain('from the running server');
  // A restore refuses to run under a live server.
  const refused = mci(['restore', join(files, 'online.tar.gz')], { MCI_DATA_DIR: dataDir });
  expect(refused.status).not.toBe(0);
  const after = await add(install.domains[3]!);
  server.proc.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  const original = await snapshot(dataDir);
  expect(original.ids).toEqual(expect.arrayContaining([...before, after]));

  const restoredDir = mkdtempSync(join(tmpdir(), 'mci-restored-'));
  const restored = mci(['restore', join(files, 'online.tar.gz')], { MCI_DATA_DIR: restoredDir });
  expect(restored.status, restored.out).toBe(0);
  const copy = await snapshot(restoredDir);
  expect(copy.ids).toEqual(original.ids.filter((id) => id !== after));
  expect(copy.users).toBe(original.users);
  expect(copy.tenants).toBe(original.tenants);

  // With the server stopped the CLI opens the data directory itself; that backup has the last add too.
  const offline = mci(['backup', join(files, 'offline.tar.gz')], { MCI_DATA_DIR: dataDir });
  expect(offline.status, offline.out).toBe(0);
  expect(offline.out).toContain('with no server running');
  // Restoring over an existing database keeps the old one aside.
  const again = mci(['restore', join(files, 'offline.tar.gz')], { MCI_DATA_DIR: restoredDir });
  expect(again.status, again.out).toBe(0);
  expect(again.out).toContain('moved to');
  expect(await snapshot(restoredDir)).toEqual(original);
}, 300_000);

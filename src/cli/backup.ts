import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { openDatabase } from '../adapters/db/database.ts';
import type { Config } from '../config.ts';
import { controlSocketPath, dumpEmbedded, serverRunning } from '../main/control-socket.ts';

// `mci backup <file>` and `mci restore <file>` for the embedded database (ADR 0015). On PostgreSQL use
// pg_dump / pg_restore (docs/operations.md): a server has its own consistent online backup.

const PG_HELP =
  'DATABASE_URL is set: back up PostgreSQL with pg_dump, e.g.\n' +
  '  pg_dump --format=custom --file=mci.dump "$DATABASE_URL"\n' +
  'and restore with pg_restore --clean --if-exists --dbname="$DATABASE_URL" mci.dump (see docs/operations.md).';

/** Asks the running server for a dump through the data directory's socket. */
function dumpThroughServer(dataDir: string): Promise<Buffer> {
  return new Promise((resolveDump, reject) => {
    const socket = connect(controlSocketPath(dataDir));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('error', reject);
    socket.once('end', () => {
      const all = Buffer.concat(chunks);
      const newline = all.indexOf(10);
      const header = JSON.parse(all.subarray(0, newline).toString('utf8')) as {
        ok: boolean;
        bytes?: number;
        message?: string;
      };
      const body = all.subarray(newline + 1);
      if (!header.ok) return reject(new Error(`the server could not take a backup: ${header.message}`));
      if (body.length !== header.bytes) return reject(new Error('the backup was cut short'));
      resolveDump(body);
    });
    socket.write('backup\n');
  });
}

export async function backup(config: Config, file: string): Promise<string> {
  if (config.databaseUrl) throw new Error(PG_HELP);
  const pgliteDir = join(config.dataDir, 'pglite');
  let dump: Buffer;
  let how: string;
  if (await serverRunning(config.dataDir)) {
    dump = await dumpThroughServer(config.dataDir);
    how = 'from the running server';
  } else {
    if (!existsSync(pgliteDir)) throw new Error(`No embedded database in ${config.dataDir}.`);
    const handle = await openDatabase({ kind: 'pglite', dataDir: pgliteDir });
    try {
      dump = await dumpEmbedded(handle);
    } finally {
      await handle.close();
    }
    how = 'with no server running';
  }
  const target = resolve(file);
  mkdirSync(dirname(target), { recursive: true });
  // Written beside the target and renamed: a half-written file never carries the backup's name.
  writeFileSync(`${target}.partial`, dump);
  renameSync(`${target}.partial`, target);
  return `Backup of ${pgliteDir} written to ${target} (${dump.length} bytes, ${how}).`;
}

export async function restore(config: Config, file: string): Promise<string> {
  if (config.databaseUrl) throw new Error(PG_HELP);
  if (await serverRunning(config.dataDir))
    throw new Error(`A server is running on ${config.dataDir}: stop it before restoring.`);
  const pgliteDir = join(config.dataDir, 'pglite');
  const dump = readFileSync(resolve(file));
  let kept = '';
  if (existsSync(pgliteDir) && readdirSync(pgliteDir).length > 0) {
    // The current database is kept aside, never deleted by a restore.
    kept = `${pgliteDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(pgliteDir, kept);
  }
  mkdirSync(pgliteDir, { recursive: true });
  const handle = await openDatabase({ kind: 'pglite', dataDir: pgliteDir, loadDataDir: new Blob([dump]) });
  try {
    // Proves the restored directory opens and holds the schema.
    await handle.executor.executeSql('select count(*) from partners');
  } finally {
    await handle.close();
  }
  return `Restored ${file} into ${pgliteDir}.${kept ? ` The previous database was moved to ${kept}.` : ''}`;
}

import { chmodSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../adapters/db/database.ts';

// Embedded mode (PGlite) keeps its data directory open in one process, so a consistent backup must be
// taken by that process. It listens on a Unix socket inside the data directory (mode 0600: whoever may
// use it may already read the data), and `mci backup` asks it for a dump (ADR 0015). The socket also
// keeps a second process from opening the same data directory, which would corrupt it.

export const controlSocketPath = (dataDir: string) => join(dataDir, 'mci.sock');

/** Is a server answering on the data directory's socket? */
export function serverRunning(dataDir: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(controlSocketPath(dataDir));
    socket.once('connect', () => {
      socket.end('ping\n');
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A gzipped tar of the data directory, taken while no transaction is open (the pool's one session is held). */
export async function dumpEmbedded(handle: DatabaseHandle): Promise<Buffer> {
  const pglite = handle.pglite;
  if (!pglite) throw new Error('not an embedded database');
  return handle.db.connection().execute(async (conn) => {
    await sql`checkpoint`.execute(conn);
    const dump = await pglite.dumpDataDir('gzip');
    return Buffer.from(await dump.arrayBuffer());
  });
}

async function answer(socket: Socket, handle: DatabaseHandle): Promise<void> {
  const command = await new Promise<string>((resolve) => {
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.split('\n')[0]!);
    });
    socket.once('end', () => resolve(text));
  });
  if (command !== 'backup') return void socket.end();
  try {
    const dump = await dumpEmbedded(handle);
    socket.write(`${JSON.stringify({ ok: true, bytes: dump.length })}\n`);
    socket.end(dump);
  } catch (error) {
    socket.end(`${JSON.stringify({ ok: false, message: String((error as Error).message) })}\n`);
  }
}

export async function openControlSocket(
  dataDir: string,
  handle: DatabaseHandle,
): Promise<{ close(): Promise<void> }> {
  const path = controlSocketPath(dataDir);
  if (await serverRunning(dataDir))
    throw new Error(`Another mci process is using the data directory ${dataDir}; stop it first.`);
  try {
    unlinkSync(path); // left by a process that was killed
  } catch {}
  const server: Server = createServer((socket) => {
    socket.on('error', () => {});
    void answer(socket, handle);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

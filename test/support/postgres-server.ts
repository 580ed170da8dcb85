import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Starts a throw-away PostgreSQL 15 server on a free loopback port for the test run (architecture §4:
// initdb refuses root, so it runs as the `postgres` user; fsync is off because the data is disposable).

export interface PostgresServer {
  url: (database: string) => string;
  stop: () => void;
  /** `pg_ctl stop -m fast` (connections are cut, the data stays): a database restart, first half. */
  pause: () => void;
  /** Starts the same server again on the same port. */
  resume: () => void;
}

const BIN_DIRS = [process.env.MCI_PG_BIN, '/usr/lib/postgresql/15/bin'].filter(Boolean) as string[];

export function findPostgresBin(): string {
  const dir = BIN_DIRS.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
  if (!dir) {
    throw new Error(
      'PostgreSQL 15 server binaries not found (looked in ' +
        BIN_DIRS.join(', ') +
        '). Install them with: sudo apt-get install -y postgresql-15   (or set MCI_PG_BIN to the bin directory)',
    );
  }
  return dir;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBin();
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'mci-pg-'));
  chmodSync(dir, 0o777);
  const dataDir = join(dir, 'data');
  const asPostgres = (cmd: string, args: string[]) =>
    root
      ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' })
      : execFileSync(cmd, args, { stdio: 'pipe' });
  asPostgres(join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dir}'`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=300',
  ].join(' ');
  const start = () =>
    asPostgres(join(bin, 'pg_ctl'), [
      '-D',
      dataDir,
      '-o',
      options,
      '-l',
      join(dir, 'server.log'),
      '-w',
      'start',
    ]);
  start();
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    const args = ['-D', dataDir, '-m', 'immediate', '-w', 'stop'];
    if (root)
      spawnSync('runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args], { stdio: 'ignore' });
    else spawnSync(join(bin, 'pg_ctl'), args, { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop,
    pause: () => void asPostgres(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']),
    resume: start,
  };
}

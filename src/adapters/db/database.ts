import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlitePool, SCRIPT_MARKER } from './pglite-pool.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type DatabaseKind = 'pglite' | 'postgres';

/** The raw statement runner handed to pg-boss: it must run through the same serialised access. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

export interface DatabaseHandle {
  kind: DatabaseKind;
  db: Db;
  executor: SqlExecutor;
  /** The connection string, when kind is 'postgres' (pg-boss and tools open their own pools). */
  url?: string;
  /** The embedded instance, when kind is 'pglite' (for dumps in tests and tools). */
  pglite?: PGlite;
  /** Connections in use, checkouts waiting for one, and the pool's size (metrics). */
  stats(): { inUse: number; waiting: number; size: number };
  /**
   * LISTEN on `channel`: each notification's payload to `onMessage`; `onState(false)` whenever some may
   * have been missed (connection lost; PostgreSQL reconnects by itself), `onState(true)` once they flow.
   */
  listen(
    channel: string,
    onMessage: (payload: string) => void,
    onState: (listening: boolean) => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob | File };

// pg returns int8 (count(*), bigint columns) as strings; PGlite returns numbers. Make pg match, per
// pool (not globally), since every bigint we store fits in a double.
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === 20) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      types: pgTypes,
      application_name: 'mci',
    });
    // An idle client that loses its server (restart) emits 'error'; the pool replaces it. Without a
    // listener Node would crash the process.
    pool.on('error', () => {});
    // A checked-out client (e.g. inside a transaction) whose server goes away emits 'error' too; its next
    // query fails and answers 503, and the pool drops it on release. Unhandled, it would end the process.
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      kind: 'postgres',
      db,
      url: options.url,
      executor: { executeSql: (text, values) => pool.query(text, values as unknown[]) },
      stats: () => ({
        inUse: pool.totalCount - pool.idleCount,
        waiting: pool.waitingCount,
        size: options.poolSize ?? 10,
      }),
      listen: (channel, onMessage, onState) => listenOnPostgres(options.url, channel, onMessage, onState),
      close: () => db.destroy(),
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const pool = new PGlitePool(pglite);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as never }) });
  return {
    kind: 'pglite',
    db,
    pglite,
    // Like pg, a statement without parameters goes through the simple protocol, which runs several
    // statements at once: pg-boss's maintenance (expiring jobs lost with a crashed process, archiving)
    // sends `BEGIN; …; COMMIT;` scripts. Through the extended protocol they failed silently on PGlite, and
    // a job lost in a kill -9 stayed active for ever (found by the crash soak, issue 13).
    executor: {
      executeSql: (text, values) =>
        values?.length ? pool.query(text, values) : pool.query(`${SCRIPT_MARKER}\n${text}`),
    },
    stats: () => pool.stats(),
    // One embedded session: LISTEN under the pool's lock, so it never lands inside someone's transaction.
    async listen(channel, onMessage, onState) {
      const client = await pool.connect();
      let unlisten: () => Promise<void>;
      try {
        unlisten = await pglite.listen(channel, onMessage);
      } finally {
        client.release();
      }
      onState(true);
      return async () => {
        onState(false);
        const again = await pool.connect().catch(() => null);
        try {
          if (again) await unlisten();
        } finally {
          again?.release();
        }
      };
    },
    close: () => db.destroy(),
  };
}

/** A dedicated connection that LISTENs, and reconnects (every second) after losing its server. */
async function listenOnPostgres(
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
  onState: (listening: boolean) => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch(schedule);
    }, 1000);
    retry.unref();
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString: url, application_name: 'mci-listen' });
    c.on('notification', (message) => onMessage(message.payload ?? '*'));
    c.on('error', () => {});
    c.on('end', () => {
      onState(false);
      schedule();
    });
    try {
      await c.connect();
      await c.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await c.end().catch(() => {});
      throw error;
    }
    client = c;
    onState(true);
  };
  await connect().catch(schedule);
  return async () => {
    stopped = true;
    clearTimeout(retry);
    onState(false);
    await client?.end().catch(() => {});
  };
}

/** Runs raw SQL with positional parameters inside the given Kysely connection or transaction. */
export function executorFor(db: Kysely<any>): SqlExecutor {
  return {
    async executeSql(text, values = []) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values as unknown[]));
      return { rows: result.rows as any[] };
    },
  };
}

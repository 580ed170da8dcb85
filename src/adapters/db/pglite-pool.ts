import type { PGlite } from '@electric-sql/pglite';

// PGlite is a single PostgreSQL session. Kysely's stock PGlite dialects let a statement of request B run
// inside request A's open transaction (and vanish on A's rollback). This shim gives Kysely's
// PostgresDialect a "pool" whose one connection is handed out under a mutex that is held from checkout
// to release, i.e. for a whole transaction, so sessions can never interleave (regression test:
// test/medium/pglite-serialisation.test.ts).

export interface QueryResultLike {
  rows: unknown[];
  rowCount: number;
  command: string;
}

/** A statement that starts with this marker is a multi-statement script (migrations only). */
export const SCRIPT_MARKER = '/*script*/';

class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #waiting = 0;

  get waiting(): number {
    return this.#waiting;
  }

  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    this.#waiting++;
    return ready.finally(() => {
      this.#waiting--;
    });
  }
}

/**
 * PGlite runs a statement synchronously in WebAssembly and answers through promises alone, so a job that
 * runs transaction after transaction with no other I/O (the CSV import, a sweep) never gave the event
 * loop a turn: while an import of 10,000 rows ran, every request to the server, `/health/live` included,
 * waited for its end (81–91 s, measured with curl from another process). A checkout yields to the event
 * loop (sockets are read, timers run) when the loop has had no turn for TURN_MS; when it turns on its
 * own, as under HTTP load, nothing waits.
 */
const TURN_MS = 10;

class EventLoopTurns {
  #markerPending = false;
  #markerSince = 0;

  async take(): Promise<void> {
    if (!this.#markerPending) {
      // A marker that the check phase clears: while it is pending, the loop has not turned.
      this.#markerPending = true;
      this.#markerSince = performance.now();
      setImmediate(() => {
        this.#markerPending = false;
      });
      return;
    }
    if (performance.now() - this.#markerSince < TURN_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

export class PGliteClient {
  constructor(
    private readonly pg: PGlite,
    private readonly onRelease: () => void,
  ) {}

  async query(text: string, values: unknown[] = []): Promise<QueryResultLike> {
    if (text.startsWith(SCRIPT_MARKER)) {
      const results = await this.pg.exec(text);
      const last = results.at(-1);
      return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? 0, command: 'SCRIPT' };
    }
    const result = await this.pg.query(text, values);
    // Kysely reads numAffectedRows from rowCount only when `command` names a write.
    const command = /^\s*select\b/i.test(text) ? 'SELECT' : 'UPDATE';
    return { rows: result.rows, rowCount: result.affectedRows ?? 0, command };
  }

  release(): void {
    this.onRelease();
  }
}

export class PGlitePool {
  readonly #mutex = new Mutex();
  readonly #turns = new EventLoopTurns();
  #ended = false;
  #inUse = 0;

  constructor(readonly pg: PGlite) {}

  /** The session in use (0 or 1) and the checkouts queued behind it (metrics: pool in use / waiting). */
  stats(): { inUse: number; waiting: number; size: number } {
    return { inUse: this.#inUse, waiting: this.#mutex.waiting, size: 1 };
  }

  async connect(): Promise<PGliteClient> {
    if (this.#ended) throw new Error('database is closed');
    await this.#turns.take();
    const release = await this.#mutex.acquire();
    this.#inUse++;
    let released = false;
    return new PGliteClient(this.pg, () => {
      if (released) return;
      released = true;
      this.#inUse--;
      release();
    });
  }

  /** Runs one statement on its own checkout (what pg.Pool#query does). */
  async query(text: string, values?: unknown[]): Promise<QueryResultLike> {
    const client = await this.connect();
    try {
      return await client.query(text, values);
    } finally {
      client.release();
    }
  }

  async end(): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    const release = await this.#mutex.acquire();
    try {
      await this.pg.close();
    } finally {
      release();
    }
  }
}

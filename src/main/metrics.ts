import { sql } from 'kysely';
import { collectDefaultMetrics, Gauge, register } from 'prom-client';
import type { DatabaseHandle } from '../adapters/db/database.ts';
import type { JobQueue } from '../adapters/queue/job-queue.ts';

// The metrics read at scrape time from the runtime: the database pool, the job queue's depth and
// failures (shared by every process, so read from the database), and the mail outbox by status. The
// process metrics (CPU, memory, event-loop lag, GC) are prom-client's defaults.

interface Source {
  handle: DatabaseHandle;
  queue: JobQueue;
}

const sources = new Set<Source>();

function gauge<L extends string>(
  name: string,
  help: string,
  labelNames: L[],
  collect: (g: Gauge<L>) => Promise<void>,
) {
  if (register.getSingleMetric(name)) return;
  new Gauge<L>({
    name,
    help,
    labelNames,
    async collect() {
      this.reset();
      await collect(this);
    },
  });
}

/** A scrape must answer even while the database is down: a failed read leaves its series out. */
async function safely(read: () => Promise<void>): Promise<boolean> {
  try {
    await read();
    return true;
  } catch {
    return false;
  }
}

function registerOnce(): void {
  if (register.getSingleMetric('mci_db_pool_in_use')) return;
  collectDefaultMetrics();
  gauge(
    'mci_db_pool_in_use',
    'Database connections in use (PGlite: its one session, 0 or 1)',
    [],
    async (g) => {
      for (const s of sources) g.inc(s.handle.stats().inUse);
    },
  );
  gauge(
    'mci_db_pool_waiting',
    'Requests waiting for a database connection (PGlite: its mutex queue)',
    [],
    async (g) => {
      for (const s of sources) g.inc(s.handle.stats().waiting);
    },
  );
  gauge('mci_db_pool_size', 'Database connections allowed per process', [], async (g) => {
    for (const s of sources) g.inc(s.handle.stats().size);
  });
  gauge('mci_database_up', '1 when the database answered the last scrape', [], async (g) => {
    for (const s of sources)
      g.set((await safely(async () => void (await sql`select 1`.execute(s.handle.db)))) ? 1 : 0);
  });
  gauge(
    'mci_jobs',
    'Jobs not yet completed by name and state (created and retry are the queue depth; failed are failures)',
    ['name', 'state'],
    async (g) => {
      const [s] = sources;
      if (s)
        await safely(async () => {
          for (const row of await s.queue.depth()) g.set({ name: row.name, state: row.state }, row.count);
        });
    },
  );
  gauge(
    'mci_emails',
    'Emails in the outbox by status (queued, rendered, sent, failed)',
    ['status'],
    async (g) => {
      const [s] = sources;
      if (s)
        await safely(async () => {
          const rows = await s.handle.db
            .selectFrom('mail_messages')
            .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
            .groupBy('status')
            .execute();
          for (const row of rows) g.set({ status: row.status }, Number(row.n));
        });
    },
  );
}

/** Adds a runtime's database and queue to the scrape; the returned function takes them out again. */
export function observeRuntime(source: Source): () => void {
  registerOnce();
  sources.add(source);
  return () => sources.delete(source);
}

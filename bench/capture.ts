import { CompiledQuery } from 'kysely';
import pg from 'pg';
import type { DatabaseHandle } from '../src/adapters/db/database.ts';
import { JOB_SCHEMA } from '../src/adapters/db/migrations/0002_job_queue.ts';
import { PGliteClient } from '../src/adapters/db/pglite-pool.ts';

// The SQL a request really runs, taken from the real code path: while `fn` runs, every statement sent
// to the database (pg's Client.query on PostgreSQL, the PGlite pool's client on PGlite) is recorded
// with its parameters. The job queue's own polling (pg-boss, same pool on PGlite) is left out. The
// baselines replay exactly these statements, so a change of the code path changes its baseline too.

export interface Statement {
  text: string;
  values: unknown[];
}

export async function captureStatements<T>(
  handle: DatabaseHandle,
  fn: () => Promise<T>,
): Promise<{ result: T; statements: Statement[] }> {
  // biome-ignore lint/suspicious/noExplicitAny: patching a prototype method for the capture only
  const proto: { query: (...args: any[]) => any } =
    handle.kind === 'postgres' ? (pg.Client.prototype as never) : (PGliteClient.prototype as never);
  const original = proto.query;
  const statements: Statement[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === 'string') statements.push({ text: first, values: (second as unknown[]) ?? [] });
    else if (first && typeof first === 'object' && 'text' in first) {
      const q = first as { text: string; values?: unknown[] };
      statements.push({ text: q.text, values: q.values ?? [] });
    }
    return original.apply(this, args);
  };
  try {
    const result = await fn();
    return {
      result,
      statements: statements.filter((s) => !s.text.includes(`${JOB_SCHEMA}.`) && !/^\s*$/.test(s.text)),
    };
  } finally {
    proto.query = original;
  }
}

const TX_CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i;

/**
 * Runs the statements again, in order, through the handle's own pool: one checkout per statement
 * (pool.query, the least the pool can do), or one pinned connection when they include a transaction.
 */
export function replayer(handle: DatabaseHandle, statements: Statement[]): () => Promise<void> {
  if (statements.some((s) => TX_CONTROL.test(s.text)))
    return () =>
      handle.db.connection().execute(async (connection) => {
        for (const s of statements) await connection.executeQuery(CompiledQuery.raw(s.text, s.values));
      });
  return async () => {
    for (const s of statements) await handle.executor.executeSql(s.text, s.values);
  };
}

/** One line per statement, for the report (first 100 characters of its SQL). */
export function describeStatements(statements: Statement[]): string {
  return statements.map((s, i) => `  ${i + 1}. ${s.text.replace(/\s+/g, ' ').slice(0, 100)}…`).join('\n');
}

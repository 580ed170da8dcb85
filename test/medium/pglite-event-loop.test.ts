import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';

// PGlite answers through promises alone, so transaction after transaction (the CSV import's job, a
// sweep) used to keep the event loop from ever reading a socket: while an import of 10,000 rows ran,
// `/health/live` took 81–91 s. The pool now gives the loop a turn (src/adapters/db/pglite-pool.ts).
describeEachDatabase('the event loop during a run of transactions', ({ handle }) => {
  it('a request on loopback is answered while transaction after transaction runs', async () => {
    const { db } = handle();
    const server = createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const total = 1500;
    let done = 0;
    let answeredAfter: number | undefined;
    try {
      const answered = new Promise<void>((resolve, reject) => {
        get({ host: '127.0.0.1', port, path: '/', agent: false }, (response) => {
          response.resume();
          response.on('end', () => {
            answeredAfter = done;
            resolve();
          });
        }).on('error', reject);
      });
      for (; done < total; done++) await db.transaction().execute((trx) => sql`select 1`.execute(trx));
      await answered;
    } finally {
      server.close();
    }
    // Answered while the transactions ran, not after the last of them.
    expect(answeredAfter).toBeLessThan(total);
  });
});

import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT } from '../../src/http/auth.ts';
import type { RouteInfo } from '../../src/http/route-table.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { demoNominationId } from '../../src/seed/demo-scenarios.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';
import { routeKey } from '../support/route-classes.ts';

// Issue 10, finding 5: bodies of unauthenticated callers were read whole before the 401 (ten parallel
// 45 MB imports took the server from 555 MB to 1.2 GB). Every route that accepts a body larger than the
// default limit decides who may send it before reading it: over a real socket, the headers of a 40 MiB
// request and its first 64 KiB get their answer while the client still has 40 MiB to send.

const DECLARED = 40 * 1024 * 1024;
const SENT = 64 * 1024;
const TREY_CLAIM = demoNominationId('trey', 'SEC-WS', 'alpine');

/** What each large-body route takes; a new one fails the test until it is listed here. */
const CONTENT_TYPES: Record<string, string> = {
  'POST /api/v1/operator/directory/imports': 'text/csv',
  'POST /api/v1/nomination-imports': 'text/csv',
  'PUT /api/v1/nominations/:nominationId/claim/files/:kind': 'application/pdf',
};

/**
 * Routes of a partner's own data that Dan (Incentives admin at Proseware) may use: who else is refused
 * before the body is read, and Dan's own answer to a declared 40 MiB (over the route's 10 MB limit).
 */
const OTHER_REFUSALS: Record<string, { email: string; status: number }[]> = {
  'POST /api/v1/nomination-imports': [
    { email: 'cleo@treyresearch.example', status: 403 }, // an Account admin without an incentive role
    { email: 'olga@program.example', status: 403 }, // the operator adds no customers
    { email: 'dan@proseware.example', status: 413 },
  ],
};

/** Sends the headers and the first 64 KiB, then waits for the status line without sending more. */
function partialRequest(address: string, route: RouteInfo, extraHeaders: string[] = []): Promise<number> {
  const { hostname, port } = new URL(address);
  const path = route.path.replace(':nominationId', TREY_CLAIM).replace(':kind', 'invoice');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`${routeKey(route)}: no answer while the body was still being sent`));
    }, 15_000);
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (status) {
        clearTimeout(timer);
        socket.destroy();
        resolve(Number(status[1]));
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.write(
      [
        `${route.method} ${path} HTTP/1.1`,
        `Host: ${hostname}:${port}`,
        `Content-Type: ${CONTENT_TYPES[routeKey(route)]}`,
        `Content-Length: ${DECLARED}`,
        'X-File-Name: big.pdf',
        ...extraHeaders,
        '',
        '',
      ].join('\r\n'),
    );
    socket.write(Buffer.alloc(SENT, 0x41));
  });
}

describeEachDatabase('large bodies are refused before they are read', ({ handle }) => {
  const t = useTestApp(handle);
  let app: FastifyInstance;
  let address: string;
  let large: RouteInfo[];
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    app = t().app;
    address = await app.listen({ port: 0, host: '127.0.0.1' });
    large = app.routeTable.filter((r) => (r.bodyLimit ?? 0) > DEFAULT_BODY_LIMIT);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('finds every route with a large body, and knows what each takes', () => {
    expect(large.map(routeKey).sort()).toEqual(Object.keys(CONTENT_TYPES).sort());
  });

  it('answers 401 to a caller without a session after 64 KiB of a declared 40 MiB', async () => {
    for (const route of large) expect(await partialRequest(address, route), routeKey(route)).toBe(401);
  });

  it("answers 403 or 404 to a signed-in caller who may not send it (another partner's record, a partner on an operator route)", async () => {
    const dan = await signInAs(app, 'dan@proseware.example', 'demo');
    const session = await app.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: `mci_session=${dan.cookie.value}` },
    });
    const csrf = session.json().csrfToken as string;
    expect(csrf).toBe(dan.csrfToken);
    for (const route of large) {
      if (OTHER_REFUSALS[routeKey(route)]) continue;
      // With the right CSRF token, so that only the authorisation can refuse.
      const status = await partialRequest(address, route, [
        `Cookie: mci_session=${dan.cookie.value}`,
        `X-CSRF-Token: ${csrf}`,
      ]);
      expect(status, routeKey(route)).toBe(route.path.includes('/operator/') ? 403 : 404);
    }
    // Routes Dan may use: another caller who may not, and a declared length over the route's limit.
    for (const [key, refusals] of Object.entries(OTHER_REFUSALS)) {
      const route = large.find((r) => routeKey(r) === key)!;
      for (const { email, status } of refusals) {
        const caller = await signInAs(app, email, 'demo');
        const answer = await partialRequest(address, route, [
          `Cookie: mci_session=${caller.cookie.value}`,
          `X-CSRF-Token: ${caller.csrfToken}`,
        ]);
        expect(answer, `${key} ${email}`).toBe(status);
      }
    }
  });

  it('refuses a missing or wrong CSRF token before the body too (403)', async () => {
    const ada = await signInAs(app, 'ada@treyresearch.example', 'demo');
    for (const route of large) {
      const cookie = `Cookie: mci_session=${ada.cookie.value}`;
      expect(await partialRequest(address, route, [cookie]), routeKey(route)).toBe(403);
      expect(await partialRequest(address, route, [cookie, 'X-CSRF-Token: wrong']), routeKey(route)).toBe(
        403,
      );
    }
  });
});

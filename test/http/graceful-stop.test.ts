import { Agent, request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { engagementId, locationId } from '../../src/seed/demo-catalogue.ts';
import { DATABASE_KINDS } from '../support/databases.ts';
import { prepareInstallation, signIn } from '../support/installation.ts';
import { kill, type MciProcess, spawnMci } from '../support/server-process.ts';

// Issue 13 item 4: SIGTERM during 20 concurrent adds. Every request either completed (and its record is
// there, whole) or was refused with 503 in the error shape before anything was written; the process
// exits 0 and its database opens again. To see both outcomes for sure, one add is still sending its body
// when the signal comes (in flight: it must complete), and half of the adds are sent after the server
// said it is stopping (they must be refused).

const ADDS = 20;
const running: MciProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map(kill));
});

interface Outcome {
  domain: string;
  status: number;
  body: string;
}

function post(agent: Agent, base: string, path: string, headers: Record<string, string>, body: unknown) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const url = new URL(path, base);
    const req = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

function get(agent: Agent, base: string, path: string) {
  return new Promise<number>((resolve, reject) => {
    request(new URL(path, base), { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    })
      .on('error', reject)
      .end();
  });
}

const addBody = (domain: string) => ({
  origin: 'add',
  locationId: locationId('trey-seattle'),
  engagementIds: [engagementId('SEC-WS')],
  email: `it@${domain}`,
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(condition()).toBe(true);
}

/** A POST whose headers and first half of the body are sent now, and the rest on finish(). */
function holdOpen(agent: Agent, base: string, headers: Record<string, string>, body: unknown) {
  const text = JSON.stringify(body);
  let done!: (r: { status: number; body: string }) => void;
  const response = new Promise<{ status: number; body: string }>((resolve) => {
    done = resolve;
  });
  const req = request(
    new URL('/api/v1/nominations', base),
    {
      method: 'POST',
      agent,
      headers: {
        ...headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(text)),
      },
    },
    (res) => {
      let answer = '';
      res.on('data', (chunk) => {
        answer += chunk;
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, body: answer }));
    },
  );
  req.on('error', (error) => done({ status: 0, body: String(error) }));
  req.flushHeaders();
  req.write(text.slice(0, 10));
  return {
    finish() {
      req.end(text.slice(10));
      return response;
    },
  };
}

for (const kind of DATABASE_KINDS) {
  describe(`graceful stop [${kind}]`, () => {
    it(`SIGTERM during ${ADDS} concurrent adds: each completed or refused with 503 before any write; exit 0`, async () => {
      const install = await prepareInstallation(kind, { customers: ADDS });
      const server = spawnMci('start', { ...install.env, LOG_LEVEL: 'info' });
      running.push(server);
      const base = await server.ready;
      const auth = await signIn(base);
      // One kept-alive connection per add, opened beforehand, so that every add reaches the server
      // (a connection attempt after the listener closed would be refused, not answered).
      const agent = new Agent({ keepAlive: true, maxSockets: ADDS });
      await Promise.all(Array.from({ length: ADDS }, () => get(agent, base, '/api/v1/health/live')));
      const headers = { cookie: auth.cookie, 'x-csrf-token': auth.csrfToken };
      const add = async (domain: string): Promise<Outcome> => {
        const response = await post(agent, base, '/api/v1/nominations', headers, addBody(domain));
        return { domain, ...response };
      };
      const [heldDomain, ...others] = install.domains as [string, ...string[]];
      // One add whose body is still arriving when the signal comes: a request in flight, for sure.
      const held = holdOpen(agent, base, headers, addBody(heldDomain));
      const firstWave = others.slice(0, ADDS / 2).map(add);
      await Promise.race(firstWave);
      server.proc.kill('SIGTERM');
      await waitFor(() => /"msg":"stopping"/.test(server.output()));
      // After the signal: refused with 503, on connections that were already open.
      const secondWave = others.slice(ADDS / 2).map(add);
      const late = await Promise.all(secondWave);
      const outcomes = [
        ...(await Promise.all(firstWave)),
        ...late,
        { domain: heldDomain, ...(await held.finish()) },
      ];
      expect(late.map((o) => o.status)).toEqual(late.map(() => 503));
      expect(outcomes.at(-1)!.status).toBe(201);
      expect(await server.exited).toBe(0);
      agent.destroy();
      expect(server.output()).toMatch(/"msg":"stopped cleanly"/);
      expect(server.output()).not.toMatch(/"level":(50|60)/);

      const handle = await install.open();
      try {
        for (const outcome of outcomes) {
          const records = await handle.db
            .selectFrom('nominations as n')
            .innerJoin('tenant_domains as d', 'd.tenant_id', 'n.tenant_id')
            .select(['n.id', 'n.status'])
            .where('d.domain', '=', outcome.domain)
            .execute();
          if (outcome.status === 201) {
            const id = (JSON.parse(outcome.body) as { value: { id: string }[] }).value[0]!.id;
            expect(records.map((r) => r.id)).toEqual([id]);
            const audit = await handle.db
              .selectFrom('audit_events')
              .select('id')
              .where('nomination_id', '=', id)
              .execute();
            expect(audit.length, outcome.domain).toBeGreaterThan(0);
          } else {
            expect(outcome.status, outcome.body).toBe(503);
            expect(JSON.parse(outcome.body).error).toMatchObject({
              code: 'ServiceUnavailable',
              isRetryable: true,
            });
            expect(records, outcome.domain).toEqual([]);
          }
        }
      } finally {
        await handle.close();
      }
    }, 180_000);
  });
}

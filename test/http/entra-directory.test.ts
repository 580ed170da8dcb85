import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entraDiscoveryDirectory } from '../../src/adapters/directory/entra-discovery-directory.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId, tenantId } from '../../src/seed/demo-catalogue.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';

// A local server speaking the format of Entra's OpenID discovery document (spec §7):
// GET /{domain}/v2.0/.well-known/openid-configuration → { issuer: "https://login.microsoftonline.com/{tenant}/v2.0" }.
const fabrikamTenant = tenantId('fabrikam');
let server: Server;
let base = '';
const requests: string[] = [];
let mode: 'normal' | 'down' | 'slow' = 'normal';

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (mode === 'down') return void res.writeHead(503).end('unavailable');
    if (mode === 'slow') return void setTimeout(() => res.writeHead(200).end('{}'), 2000);
    const domain = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(req.url ?? '')?.[1];
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (domain === 'fabrikam.com')
      return json(200, {
        issuer: `https://login.microsoftonline.com/${fabrikamTenant}/v2.0`,
        token_endpoint: 'x',
      });
    if (domain === 'broken.example') return void res.writeHead(200).end('not json');
    if (domain === 'noissuer.example') return json(200, { token_endpoint: 'x' });
    if (domain === 'crash.example') return void res.writeHead(500).end();
    return json(400, { error: 'invalid_tenant' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('Entra-discovery directory adapter', () => {
  const directory = () => entraDiscoveryDirectory({ baseUrl: base, timeoutMs: 300 });

  it('takes the tenant ID from the issuer', async () => {
    expect(await directory().resolveDomain('Fabrikam.com')).toEqual({
      kind: 'found',
      tenantId: fabrikamTenant,
    });
  });

  it('400 or 404 is "no tenant"; 5xx, time-outs and malformed answers are "unavailable"', async () => {
    expect(await directory().resolveDomain('unknown.example')).toEqual({ kind: 'notFound' });
    for (const domain of ['crash.example', 'broken.example', 'noissuer.example'])
      expect(await directory().resolveDomain(domain)).toEqual({ kind: 'unavailable' });
    mode = 'slow';
    try {
      expect(await directory().resolveDomain('fabrikam.com')).toEqual({ kind: 'unavailable' });
    } finally {
      mode = 'normal';
    }
    expect(
      await entraDiscoveryDirectory({ baseUrl: 'http://127.0.0.1:1' }).resolveDomain('fabrikam.com'),
    ).toEqual({ kind: 'unavailable' });
  });

  it('free-mail, *.invalid and malformed domains never resolve and are never sent', async () => {
    const before = requests.length;
    for (const domain of ['gmail.com', 'outlook.com', 'x.invalid', '../etc', 'a b.com'])
      expect(await directory().resolveDomain(domain)).toEqual({ kind: 'notFound' });
    expect(requests.length).toBe(before);
  });
});

describeEachDatabase('lookups and adds through the Entra-discovery directory', ({ handle }) => {
  const t = useTestApp(handle, {
    directory: () => entraDiscoveryDirectory({ baseUrl: base, timeoutMs: 300 }),
  });
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
  });

  it('resolves through the discovery document, and a directory outage is a clear 503 that writes nothing', async () => {
    const ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
    const body = {
      engagementId: engagementId('SEC-WS'),
      locationId: locationId('trey-seattle'),
      email: 'it@fabrikam.com',
    };
    const found = await ada.request({ method: 'POST', url: '/api/v1/customer-lookups', payload: body });
    expect(found.json().tenant.id).toBe(fabrikamTenant);
    const count = async () =>
      Number(
        (
          await handle()
            .db.selectFrom('nominations')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    mode = 'down';
    try {
      const lookup = await ada.request({ method: 'POST', url: '/api/v1/customer-lookups', payload: body });
      expect(lookup.statusCode).toBe(503);
      expect(lookup.json().error).toMatchObject({ code: 'DirectoryUnavailable', isRetryable: true });
      const add = await ada.request({
        method: 'POST',
        url: '/api/v1/nominations',
        payload: {
          origin: 'add',
          locationId: body.locationId,
          engagementIds: [body.engagementId],
          email: body.email,
        },
      });
      expect(add.statusCode).toBe(503);
    } finally {
      mode = 'normal';
    }
    expect(await count()).toBe(before);
  });
});

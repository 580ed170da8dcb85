import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { API_TYPES_PATH, apiTypes, currentOpenApiDocument } from '../../scripts/api-types.ts';

// The typed client (examples/client) is only as good as its types: they must be what the server's
// current OpenAPI document gives. A route or contract change without `npm run api:types` fails here.
it('the checked-in client types are what the current OpenAPI document generates (run `npm run api:types`)', async () => {
  const document = await currentOpenApiDocument();
  // Every reference resolves (openapi-typescript refuses a dangling $ref), and the client's routes are there.
  for (const path of ['/api/v1/webhook-endpoints', '/api/v1/customer-lookups', '/api/v1/nominations'])
    expect(Object.keys(document.paths ?? {})).toContain(path);
  expect(Object.keys(document.components?.schemas ?? {})).toEqual(
    expect.arrayContaining(['ErrorResponse', 'WebhookEventBody']),
  );
  const generated = await apiTypes(document);
  expect(generated.length).toBeGreaterThan(10_000);
  expect(readFileSync(API_TYPES_PATH, 'utf8') === generated, 'examples/client/api.d.ts is stale').toBe(true);
  // Composing the app over a fresh PGlite and generating 10 000 lines takes ~10 s alone, and several
  // times that on a loaded 2-core machine.
}, 120_000);

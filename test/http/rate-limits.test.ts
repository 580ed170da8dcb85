import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { RATE_LIMITS } from '../../src/http/rate-limits.ts';
import { composeHttpApp } from '../../src/main/runtime.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { useTestApp } from '../support/http.ts';

// Quality §3.7 and issue 10, finding 7: the HTML consent and survey pages were never rate-limited while
// their API twins were. Limits are counted per purpose in the database (src/http/rate-limits.ts), so
// both doors share one count, every instance counts together, and the test clock does not reset them.
describeEachDatabase('rate limits', ({ handle }) => {
  const t = useTestApp(handle);
  let second: FastifyInstance;
  beforeAll(async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'mci-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>MCI</title><div id="root"></div>');
    // A second instance on the same database, serving the web app too.
    second = await composeHttpApp(handle(), t().ctx, t().queue, loadConfig({ LOG_LEVEL: 'silent' }), {
      webRoot,
    });
    await second.ready();
  });
  afterAll(async () => {
    await second?.close();
  });

  for (const [page, api, limit] of [
    ['consent', 'public/consent', RATE_LIMITS.consentView.max],
    ['survey', 'public/surveys', RATE_LIMITS.surveyView.max],
  ] as const) {
    it(`the ${page} page's HTML and API share one limit, across instances, on real time`, async () => {
      const token = 'Z'.repeat(43);
      const ip = `10.9.${page.length}.1`;
      const codes: number[] = [];
      // Half through the API of one instance, half through the HTML page of the other.
      for (let i = 0; i < limit; i++) {
        const response =
          i % 2 === 0
            ? await t().app.inject({ method: 'GET', url: `/api/v1/${api}/${token}`, remoteAddress: ip })
            : await second.inject({ method: 'GET', url: `/${page}/${token}`, remoteAddress: ip });
        codes.push(response.statusCode);
      }
      expect(codes.every((c) => c === 404)).toBe(true);
      // Moving the business clock does not open a new window.
      t().clock.advance(10 * 60_000);
      const html = await second.inject({ method: 'GET', url: `/${page}/${token}`, remoteAddress: ip });
      expect(html.statusCode).toBe(429);
      expect(Number(html.headers['retry-after'])).toBeGreaterThan(0);
      const json = await t().app.inject({ method: 'GET', url: `/api/v1/${api}/${token}`, remoteAddress: ip });
      expect(json.statusCode).toBe(429);
      expect(json.json().error.code).toBe('RateLimited');
      // Another address is not affected.
      const other = await second.inject({
        method: 'GET',
        url: `/${page}/${token}`,
        remoteAddress: '10.9.9.9',
      });
      expect(other.statusCode).toBe(404);
    });
  }
});

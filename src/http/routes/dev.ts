import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listMailbox } from '../../app/mail/mailbox.ts';
import type { AppContext } from '../../app/ports.ts';
import { advanceTestClock, testClockView } from '../../app/test-clock.ts';
import { errorResponses } from '../../contracts/common.ts';
import { Mailbox, MailboxQuery, TestClock, TestClockAdvance } from '../../contracts/dev.ts';
import { requirePrincipal } from '../auth.ts';

const errors = errorResponses(400, 401, 403, 404);

// Demo aids (issue 5). The mailbox exists only in embedded mail mode (no SMTP_URL, R35) and the test
// clock only with MCI_TEST_CLOCK=1 (R36); otherwise both answer 404 as if they did not exist.
export const devRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/dev/mailbox',
      {
        schema: {
          tags: ['dev'],
          summary:
            "The embedded mailbox: your organisation's messages, with their links (embedded mail mode only)",
          querystring: MailboxQuery,
          response: { 200: Mailbox, ...errors },
        },
      },
      async (request) => ({ value: await listMailbox(ctx, requirePrincipal(request).actor, request.query) }),
    );
    app.get(
      '/test-clock',
      {
        schema: {
          tags: ['dev'],
          summary: "The application's clock (MCI_TEST_CLOCK=1 only)",
          response: { 200: TestClock, ...errors },
        },
      },
      async (request) => {
        requirePrincipal(request);
        return testClockView(ctx);
      },
    );
    app.post(
      '/test-clock',
      {
        schema: {
          tags: ['dev'],
          summary:
            'Move the application clock forward by an ISO 8601 duration, e.g. {"advance": "P31D"} (at most P400D per call, ten years in all)',
          body: TestClockAdvance,
          response: { 200: TestClock, ...errors },
        },
      },
      async (request) => {
        requirePrincipal(request);
        return advanceTestClock(ctx, request.body.advance);
      },
    );
  };

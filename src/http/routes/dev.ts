import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/ports.ts';
import { errorResponses } from '../../contracts/common.ts';
import { Mailbox, MailboxQuery, TestClock, TestClockAdvance } from '../../contracts/dev.ts';
import { DomainError } from '../../domain/errors.ts';
import { requirePrincipal } from '../auth.ts';

const errors = errorResponses(400, 401, 403, 404);

/** ISO 8601 duration (days, hours, minutes, seconds) in milliseconds; the schema checked the form. */
export function durationMs(iso: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  if (!m) throw new DomainError('ValidationFailed', { target: 'advance' });
  const [d, h, min, s] = [m[1], m[2], m[3], m[4]].map((v) => Number(v ?? 0));
  return (((d! * 24 + h!) * 60 + min!) * 60 + s!) * 1000;
}

const LINK = /https?:\/\/[^\s"'<>]+/g;

// Demo aids (issue 5). The mailbox exists only in embedded mail mode (no SMTP_URL) and the test clock
// only with MCI_TEST_CLOCK=1; otherwise both routes answer 404 as if they did not exist.
export const devRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/dev/mailbox',
      {
        schema: {
          tags: ['dev'],
          summary:
            'The embedded mailbox: messages the product sent, with their links (embedded mail mode only)',
          querystring: MailboxQuery,
          response: { 200: Mailbox, ...errors },
        },
      },
      async (request) => {
        requirePrincipal(request);
        if (ctx.mail?.transport.kind === 'smtp') throw new DomainError('NotFound');
        let query = ctx.db
          .selectFrom('mail_messages')
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('id')
          .limit(request.query.maxpagesize);
        if (request.query.to) query = query.where('to_address', '=', request.query.to.toLowerCase());
        const rows = await query.execute();
        return {
          value: rows.map((r) => ({
            id: r.id,
            messageId: r.message_id,
            template: r.template,
            locale: r.locale,
            to: r.to_address,
            toName: r.to_name,
            subject: r.subject,
            text: r.text,
            html: r.html,
            links: [...new Set((r.text ?? '').match(LINK) ?? [])],
            status: r.status,
            createdAt: r.created_at.toISOString(),
            sentAt: r.sent_at ? r.sent_at.toISOString() : null,
          })),
        };
      },
    );

    const clockView = () => ({
      now: ctx.clock.now().toISOString(),
      offsetMs: Math.round(ctx.testClock?.offsetMs() ?? 0),
    });
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
        if (!ctx.testClock) throw new DomainError('NotFound');
        return clockView();
      },
    );
    app.post(
      '/test-clock',
      {
        schema: {
          tags: ['dev'],
          summary: 'Move the application clock forward by an ISO 8601 duration, e.g. {"advance": "P31D"}',
          body: TestClockAdvance,
          response: { 200: TestClock, ...errors },
        },
      },
      async (request) => {
        requirePrincipal(request);
        if (!ctx.testClock) throw new DomainError('NotFound');
        await ctx.testClock.advance(durationMs(request.body.advance));
        return clockView();
      },
    );
  };

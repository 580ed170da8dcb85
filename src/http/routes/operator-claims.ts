import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireOperator } from '../../app/operator/access.ts';
import { getOperatorClaim } from '../../app/operator/claim-detail.ts';
import { openClaimFile } from '../../app/operator/claim-files.ts';
import { decideClaim } from '../../app/operator/decisions.ts';
import { listReviewQueue } from '../../app/operator/review-queue.ts';
import type { AppContext } from '../../app/ports.ts';
import { errorResponses, IdempotencyKeyHeaders } from '../../contracts/common.ts';
import {
  OperatorClaimDetail,
  OperatorClaimFileParams,
  OperatorClaimParams,
  ReviewDecisionRequest,
  ReviewDecisionResult,
  ReviewQueue,
  ReviewQueueQuery,
} from '../../contracts/operator.ts';
import type { Permission } from '../../domain/policy.ts';
import { requirePrincipal } from '../auth.ts';
import { sendIdempotent } from '../idempotent-reply.ts';

const errors = errorResponses(400, 401, 403, 404, 409, 410, 422, 503);

/** RFC 6266 / 5987: an ASCII fallback and the exact UTF-8 name. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Operator routes are a separate role (spec §4.5): anyone else is refused (401 / 403) before the
 * request is parsed or validated, so a partner user never learns more than "forbidden".
 */
export function operatorOnly(app: FastifyInstance, permission: Permission): void {
  app.addHook('onRequest', async (request) => {
    requireOperator(requirePrincipal(request).actor, permission);
  });
}

// The program operator's claim review (spec §4.4, §4.5, issue 6). Operators only.
export const operatorClaimRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    operatorOnly(app, 'operator.review');
    app.get(
      '/operator/claims',
      {
        schema: {
          tags: ['operator'],
          summary:
            'Review queue: submitted workshop claims, oldest submission first; by default those awaiting the operator',
          querystring: ReviewQueueQuery,
          response: { 200: ReviewQueue, ...errors },
        },
      },
      async (request) => {
        const q = request.query;
        const page = await listReviewQueue(ctx.store, requirePrincipal(request).actor, q, ctx.clock.now());
        const next = page.next
          ? `/api/v1/operator/claims?${new URLSearchParams({
              ...(q.status ? { status: q.status } : {}),
              ...(q.engagementId ? { engagementId: q.engagementId } : {}),
              ...(q.maxpagesize ? { maxpagesize: String(q.maxpagesize) } : {}),
              cursor: page.next,
            })}`
          : undefined;
        return { value: page.value, ...(next ? { nextLink: next } : {}) };
      },
    );

    app.get(
      '/operator/claims/:nominationId',
      {
        schema: {
          tags: ['operator'],
          summary:
            'One workshop claim for review: POE items and files, survey answers, contacts, payout, history, decisions',
          params: OperatorClaimParams,
          response: { 200: OperatorClaimDetail, ...errors },
        },
      },
      async (request) =>
        getOperatorClaim(
          ctx.store,
          requirePrincipal(request).actor,
          request.params.nominationId,
          ctx.clock.now(),
        ),
    );

    app.get(
      '/operator/claims/:nominationId/files/:kind',
      {
        schema: {
          tags: ['operator'],
          summary: 'Download a proof-of-execution file of the claim (findings report or invoice)',
          params: OperatorClaimFileParams,
          response: errors,
        },
      },
      async (request, reply) => {
        const file = await openClaimFile(
          ctx,
          requirePrincipal(request).actor,
          request.params.nominationId,
          request.params.kind,
        );
        reply
          .header('content-type', file.contentType)
          .header('content-disposition', contentDisposition(file.fileName))
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .header('etag', `"${file.sha256}"`)
          .header('content-length', String(file.sizeBytes));
        // Streamed as is (never serialised); the schema documents the error responses only.
        return reply.send(file.stream as never);
      },
    );

    app.post(
      '/operator/claims/:nominationId/decisions',
      {
        schema: {
          tags: ['operator'],
          summary:
            'Decide on a claim: approve, reject (with a reason) or request more information (the comment goes to the partner)',
          params: OperatorClaimParams,
          headers: IdempotencyKeyHeaders,
          body: ReviewDecisionRequest,
          response: { 200: ReviewDecisionResult, ...errors },
        },
      },
      async (request, reply) => {
        const result = await decideClaim(
          ctx,
          requirePrincipal(request).actor,
          request.params.nominationId,
          request.body,
          request.headers['idempotency-key'],
        );
        return sendIdempotent(reply, result);
      },
    );
  };

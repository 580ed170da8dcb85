import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getClaim, updateClaim } from '../../app/claims/claim-edits.ts';
import { checkUploadAllowed, downloadClaimFile, uploadClaimFile } from '../../app/claims/claim-files.ts';
import { cancelClaim, disputeClaim, submitClaim } from '../../app/claims/claim-lifecycle.ts';
import { answerPartnerSurvey, sendSurvey } from '../../app/claims/claim-surveys.ts';
import {
  MAX_UPLOAD_BYTES,
  MB,
  sanitizeFileName,
  UPLOAD_CONTENT_TYPES,
  uploadRule,
} from '../../app/claims/uploads.ts';
import type { AppContext } from '../../app/ports.ts';
import {
  DisputeBody,
  FILE_KINDS,
  type FileKind,
  FileParams,
  WorkshopClaim,
  WorkshopClaimPatch,
} from '../../contracts/claims.ts';
import { errorResponses, Id, IdempotencyKeyHeaders, IfMatchHeaders } from '../../contracts/common.ts';
import { NominationParams } from '../../contracts/nominations.ts';
import { PartnerSurveyBody, PartnerSurveySendBody } from '../../contracts/surveys.ts';
import { DomainError } from '../../domain/errors.ts';
import { authorizeBeforeBody, requirePrincipal } from '../auth.ts';
import { sendIdempotent } from '../idempotent-reply.ts';

const errors = errorResponses(400, 401, 403, 404, 409, 410, 412, 413, 415, 422, 429, 503);
const NoBody = z.strictObject({}).nullish();

/** RFC 6266: an ASCII fallback and the exact name in UTF-8; nothing that could break the header. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function declaredLength(header: string | string[] | undefined): number | undefined {
  if (typeof header !== 'string' || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

// The partner's workshop claim (spec §4.4, S1–S9). Status changes go through the lifecycle table.
export const claimRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/nominations/:nominationId/claim',
      {
        schema: {
          tags: ['claims'],
          summary:
            'The workshop claim: checklist of POE items, deadlines, contacts, payout, allowed actions, history (ETag = version)',
          params: NominationParams,
          response: { 200: WorkshopClaim, ...errors },
        },
      },
      async (request, reply) => {
        const { view, etag } = await getClaim(
          ctx,
          requirePrincipal(request).actor,
          request.params.nominationId,
        );
        reply.header('etag', etag).header('cache-control', 'private, no-store');
        return view;
      },
    );

    app.patch(
      '/nominations/:nominationId/claim',
      {
        schema: {
          tags: ['claims'],
          summary:
            'Change comments and contacts (S7, S8). If-Match with the ETag is checked when sent (412 on a mismatch); ' +
            'without it the change is accepted. A contact change voids that audience’s open survey link; ' +
            'customer contacts are locked once the customer survey is done (409 ContactsLocked).',
          params: NominationParams,
          headers: IfMatchHeaders,
          body: WorkshopClaimPatch,
          response: { 200: WorkshopClaim, ...errors },
        },
      },
      async (request, reply) => {
        const { view, etag } = await updateClaim(
          ctx,
          requirePrincipal(request).actor,
          request.params.nominationId,
          request.body,
          request.headers['if-match'],
        );
        reply.header('etag', etag);
        return view;
      },
    );

    // Uploads: the body is a raw stream, never buffered. The content-type parsers below exist only in
    // this encapsulated context, so no other route accepts these types.
    await app.register(async (uploads) => {
      uploads.addContentTypeParser([...UPLOAD_CONTENT_TYPES], (_request, payload, done) =>
        done(null, payload),
      );
      uploads.withTypeProvider<ZodTypeProvider>().put(
        '/nominations/:nominationId/claim/files/:kind',
        {
          bodyLimit: MAX_UPLOAD_BYTES + MB,
          // Who may upload is decided before the body is read: signed in, the record is theirs and open.
          onRequest: authorizeBeforeBody(async (principal, request) => {
            const { nominationId } = request.params as { nominationId?: string };
            if (!Id.safeParse(nominationId).success)
              throw new DomainError('ValidationFailed', { target: 'nominationId' });
            await checkUploadAllowed(ctx, principal.actor, nominationId!);
          }),
          schema: {
            tags: ['claims'],
            summary:
              'Upload a POE file as the raw body (findingsReport: PDF/DOCX/PPTX ≤ 25 MB; invoice: PDF ≤ 10 MB). ' +
              'Type and Content-Length are checked before the body is read (415/413); the first bytes must match the type; ' +
              'a chunked body is cut off at the limit (413). File name in X-File-Name (may be percent-encoded) or ?fileName=.',
            params: FileParams,
            headers: z.object({ 'x-file-name': z.string().max(1000).optional() }),
            querystring: z.object({ fileName: z.string().max(1000).optional() }),
            response: { 200: WorkshopClaim, ...errors },
          },
          // Before any byte of the body is read: the type must be one the kind takes, and a declared
          // length must be within its limit.
          preParsing: async (request, _reply, payload) => {
            const kind = (request.params as { kind?: string }).kind;
            if (!(FILE_KINDS as readonly string[]).includes(kind ?? '')) return payload;
            uploadRule(kind as FileKind, {
              contentType: request.headers['content-type'],
              contentLength: declaredLength(request.headers['content-length']),
            });
            return payload;
          },
        },
        async (request) => {
          const raw = request.headers['x-file-name'] ?? request.query.fileName;
          const fileName = sanitizeFileName(raw);
          if (!fileName) throw new DomainError('ValidationFailed', { target: 'X-File-Name' });
          return uploadClaimFile(
            ctx,
            requirePrincipal(request).actor,
            request.params.nominationId,
            request.params.kind,
            {
              contentType: request.headers['content-type'],
              contentLength: declaredLength(request.headers['content-length']),
              fileName,
            },
            request.body as NodeJS.ReadableStream,
          );
        },
      );
    });

    app.get(
      '/nominations/:nominationId/claim/files/:kind',
      {
        schema: {
          tags: ['claims'],
          summary:
            'Download a POE file (owning partner’s users and program operators only; anyone else gets 404)',
          params: FileParams,
          response: { ...errors },
        },
      },
      async (request, reply) => {
        const file = await downloadClaimFile(
          ctx,
          requirePrincipal(request).actor,
          request.params.nominationId,
          request.params.kind,
        );
        return reply
          .header('content-type', file.contentType)
          .header('content-length', String(file.sizeBytes))
          .header('content-disposition', contentDisposition(file.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(file.stream as never);
      },
    );

    app.put(
      '/nominations/:nominationId/claim/surveys/partner',
      {
        schema: {
          tags: ['claims'],
          summary: 'Answer the partner survey in the app (S3); a later answer replaces the earlier one',
          params: NominationParams,
          body: PartnerSurveyBody,
          response: { 200: WorkshopClaim, ...errors },
        },
      },
      async (request) =>
        answerPartnerSurvey(
          ctx,
          requirePrincipal(request).actor,
          request.params.nominationId,
          request.body.answers,
        ),
    );

    app.post(
      '/nominations/:nominationId/claim/surveys/partner/send',
      {
        schema: {
          tags: ['claims'],
          summary:
            'Email the partner survey link to `contact` or the claim’s partner contact (S3, S6: re-send while the window is open)',
          params: NominationParams,
          body: PartnerSurveySendBody.nullish(),
          response: { 202: WorkshopClaim, ...errors },
        },
      },
      async (request, reply) => {
        const view = await sendSurvey(
          ctx,
          requirePrincipal(request).actor,
          request.params.nominationId,
          'partner',
          request.body?.contact,
        );
        return reply.code(202).send(view);
      },
    );

    app.post(
      '/nominations/:nominationId/claim/surveys/customer/send',
      {
        schema: {
          tags: ['claims'],
          summary:
            'Email the customer survey link to the claim’s customer contact, in their language (S4, S6: re-send while the window is open)',
          params: NominationParams,
          body: NoBody,
          response: { 202: WorkshopClaim, ...errors },
        },
      },
      async (request, reply) => {
        const view = await sendSurvey(
          ctx,
          requirePrincipal(request).actor,
          request.params.nominationId,
          'customer',
          undefined,
        );
        return reply.code(202).send(view);
      },
    );

    app.post(
      '/nominations/:nominationId/claim/submit',
      {
        schema: {
          tags: ['claims'],
          summary:
            'Submit (or resubmit after “action required”): every required POE item (422 ClaimIncomplete) and before the deadline (410)',
          params: NominationParams,
          headers: IdempotencyKeyHeaders,
          body: NoBody,
          response: { 200: WorkshopClaim, ...errors },
        },
      },
      async (request, reply) => {
        const result = await submitClaim(
          ctx,
          requirePrincipal(request).actor,
          request.params.nominationId,
          request.headers['idempotency-key'],
        );
        return sendIdempotent(reply, result);
      },
    );

    app.post(
      '/nominations/:nominationId/claim/cancel',
      {
        schema: {
          tags: ['claims'],
          summary: 'Cancel the claim (only before the first submit)',
          params: NominationParams,
          headers: IdempotencyKeyHeaders,
          body: NoBody,
          response: { 200: WorkshopClaim, ...errors },
        },
      },
      async (request, reply) => {
        const result = await cancelClaim(
          ctx,
          requirePrincipal(request).actor,
          request.params.nominationId,
          request.headers['idempotency-key'],
        );
        return sendIdempotent(reply, result);
      },
    );

    app.post(
      '/nominations/:nominationId/claim/dispute',
      {
        schema: {
          tags: ['claims'],
          summary:
            'Dispute a rejection: once, within the dispute window, with a justification (20–2000 characters)',
          params: NominationParams,
          headers: IdempotencyKeyHeaders,
          body: DisputeBody,
          response: { 200: WorkshopClaim, ...errors },
        },
      },
      async (request, reply) => {
        const result = await disputeClaim(
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

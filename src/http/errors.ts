import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorResponse } from '../contracts/common.ts';
import { DomainError, ERROR_STATUS, type ErrorCode, RETRYABLE_CODES } from '../domain/errors.ts';
import { hasMessage, translate } from '../i18n/translate.ts';

// Every failure leaves the server in the one error shape of quality §1, localised to the request.
// Nothing from the inside (stack, SQL, host names) is ever put in a response.

interface Detail {
  code: string;
  message: string;
  target?: string;
}

type ZodIssueLike = {
  keyword: string;
  instancePath: string;
  message: string;
  params: Record<string, unknown>;
};

function fieldDetail(request: FastifyRequest, issue: ZodIssueLike, part: string | undefined): Detail[] {
  const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const target =
    [part && part !== 'body' ? part : undefined, path || undefined].filter(Boolean).join('.') || undefined;
  const p = issue.params;
  const at = (code: string, params: Record<string, string | number> = {}, where = target): Detail => ({
    code,
    message: translate(request.locale, `field.${code}`, params),
    ...(where ? { target: where } : {}),
  });
  switch (issue.keyword) {
    case 'unrecognized_keys':
      return ((p.keys as string[] | undefined) ?? ['']).map((key) =>
        at('unknown', {}, [target, key].filter(Boolean).join('.')),
      );
    case 'invalid_type':
      return [at(p.input === undefined ? 'required' : 'invalidType')];
    case 'too_small':
      return [
        p.origin === 'string'
          ? at('tooShort', { min: Number(p.minimum) })
          : at('tooSmall', { min: Number(p.minimum) }),
      ];
    case 'too_big':
      return [
        p.origin === 'string'
          ? at('tooLong', { max: Number(p.maximum) })
          : at('tooBig', { max: Number(p.maximum) }),
      ];
    case 'invalid_format':
      return [at(p.format === 'email' ? 'email' : p.format === 'uuid' ? 'uuid' : 'invalid')];
    case 'invalid_value':
      return [at('oneOf')];
    default:
      return [at('invalid')];
  }
}

export function errorBody(
  request: FastifyRequest,
  code: ErrorCode | string,
  extra: Partial<ErrorResponse['error']> = {},
  params: Record<string, unknown> = {},
): ErrorResponse {
  return {
    error: {
      code,
      message: translate(request.locale, `error.${code}`, params as Record<string, string | number | Date>),
      ...extra,
      isRetryable: RETRYABLE_CODES.has(code as ErrorCode),
      correlationId: request.id,
    },
  };
}

export function sendError(reply: FastifyReply, status: number, body: ErrorResponse): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/** A detail's sentence; a message whose ICU arguments the detail lacks falls back to a generic one. */
function detailMessage(
  locale: FastifyRequest['locale'],
  code: string,
  params: Record<string, unknown>,
): string {
  try {
    return translate(locale, detailKey(code), params as Record<string, string | number | Date>);
  } catch {
    return translate(locale, 'field.invalid');
  }
}

/** The catalogue key of a detail code: `error.<code>`, else the code itself (e.g. `ineligible.x`), else a generic one. */
function detailKey(code: string): string {
  if (hasMessage(`error.${code}`)) return `error.${code}`;
  if (hasMessage(code)) return code;
  return hasMessage(`field.${code}`) ? `field.${code}` : 'field.invalid';
}

/**
 * One sentence for a stored refusal (a CSV import's failed row, issue 14): the error's message and its
 * details' messages, in `locale`.
 */
export function errorMessage(
  locale: FastifyRequest['locale'],
  error: {
    code: string;
    params?: Record<string, unknown>;
    details?: { code: string; params?: Record<string, unknown> }[];
  },
): string {
  const top = hasMessage(`error.${error.code}`)
    ? translate(locale, `error.${error.code}`, (error.params ?? {}) as Record<string, string | number | Date>)
    : translate(locale, 'field.invalid');
  const details = (error.details ?? []).map((d) => detailMessage(locale, d.code, d.params ?? {}));
  return [top, ...details].join(' ');
}

/** Fastify's error handler: domain errors, validation errors, framework errors, and the unexpected. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof DomainError) {
    const extra: Partial<ErrorResponse['error']> = {};
    // A domain-level limit (e.g. R29 resend) says when to come back, like the framework's limiter.
    if (error.code === 'RateLimited' && typeof error.params?.seconds === 'number')
      reply.header('retry-after', String(error.params.seconds));
    if (error.target) extra.target = error.target;
    if (error.details?.length) {
      extra.details = error.details.map((d) => ({
        code: d.code,
        message: detailMessage(request.locale, d.code, d.params ?? {}),
        ...(d.target ? { target: d.target } : {}),
      }));
    }
    return sendError(
      reply,
      ERROR_STATUS[error.code],
      errorBody(request, error.code, extra, error.params ?? {}),
    );
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = (error as { validationContext?: string }).validationContext;
    const details = error.validation.flatMap((issue) => fieldDetail(request, issue as ZodIssueLike, part));
    const target = details.length === 1 ? details[0]?.target : undefined;
    return sendError(
      reply,
      400,
      errorBody(request, 'ValidationFailed', { details, ...(target ? { target } : {}) }),
    );
  }
  const status = (error as { statusCode?: number }).statusCode;
  const fastifyCode = (error as { code?: string }).code;
  if (status === 429) {
    const seconds = Number(reply.getHeader('retry-after') ?? 60);
    return sendError(reply, 429, errorBody(request, 'RateLimited', {}, { seconds }));
  }
  if (status === 413 || fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return sendError(reply, 413, errorBody(request, 'PayloadTooLarge'));
  if (status === 415 || fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return sendError(reply, 415, errorBody(request, 'UnsupportedMediaType'));
  if (status && status >= 400 && status < 500)
    return sendError(
      reply,
      status === 404 ? 404 : 400,
      errorBody(request, status === 404 ? 'NotFound' : 'BadRequest'),
    );
  if (isDatabaseUnavailable(error)) {
    reply.header('retry-after', '5');
    request.log.warn({ code: (error as { code?: string }).code }, 'database unavailable');
    return sendError(reply, 503, errorBody(request, 'DatabaseUnavailable'));
  }
  request.log.error({ err: error }, 'unexpected error');
  return sendError(reply, 500, errorBody(request, 'InternalError'));
}

// Connection failures while the database restarts (quality §3.9): answer 503, the pool recovers.
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P02', '57P03', '08006', '08001', '08003'].includes(code) ||
    // pg's own messages (no code): a connection lost mid-transaction, or a client that lost it before.
    /Connection terminated|connection is closed|database is closed|connection error and is not queryable|timeout exceeded when trying to connect/i.test(
      (error as Error)?.message ?? '',
    )
  );
}

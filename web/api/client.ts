import type { ApiErrorBody } from './types.ts';

// A tiny typed fetch wrapper: same-origin cookie session, CSRF header on unsafe methods
// (quality §1 "Sessions"), Accept-Language = current UI locale (so server messages come back
// localised), and one error type for every failure.

/** Codes produced on the client when there is no server error body to read. */
export type ClientErrorCode = 'NetworkError' | 'UnexpectedResponse';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly target?: string,
    readonly details?: ApiErrorBody['error']['details'],
    readonly correlationId?: string,
    /** Seconds from a Retry-After header (429, 503), when present. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  /** True when the message came from the server (already localised) rather than from the client. */
  get hasServerMessage(): boolean {
    return this.code !== 'NetworkError' && this.code !== 'UnexpectedResponse' && this.message !== '';
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;
let acceptLanguage = 'en';
let onUnauthorized: ((path: string) => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
export function setRequestLocale(locale: string): void {
  acceptLanguage = locale;
}
/** Called when an authenticated call answers 401 (the session ended elsewhere). */
export function setUnauthorizedHandler(handler: ((path: string) => void) | null): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  /** Do not call the unauthorized handler on 401 (session probe, sign-in). */
  expectUnauthorized?: boolean;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': acceptLanguage,
    ...options.headers,
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NetworkError', '');
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('json')) return undefined as T;
    return (await response.json()) as T;
  }

  if (response.status === 401 && !options.expectUnauthorized) onUnauthorized?.(path);
  throw await toApiError(response);
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryHeader = response.headers.get('retry-after');
  const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : undefined;
  try {
    const body = (await response.json()) as Partial<ApiErrorBody>;
    const e = body.error;
    if (e && typeof e.code === 'string') {
      return new ApiError(
        response.status,
        e.code,
        typeof e.message === 'string' ? e.message : '',
        e.target,
        e.details,
        e.correlationId,
        retryAfter,
      );
    }
  } catch {
    // not JSON: a proxy or a crash page; fall through
  }
  return new ApiError(response.status, 'UnexpectedResponse', '', undefined, undefined, undefined, retryAfter);
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, body, options),
  delete: <T = void>(path: string, options?: RequestOptions) =>
    request<T>('DELETE', path, undefined, options),
};

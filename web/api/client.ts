import type { ApiErrorBody } from './types.ts';

// A tiny typed fetch wrapper: same-origin cookie session, CSRF header on unsafe methods
// (quality §1 "Sessions"), Accept-Language = current UI locale (so server messages come back
// localised), and one error type for every failure.

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
/** The language API answers come back in (server messages, criteria sentences). */
export function requestLocale(): string {
  return acceptLanguage;
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
  return (await send<T>(method, path, body, options)).data;
}

/** An answer with its headers (e.g. the ETag to send back as If-Match). */
export interface WithHeaders<T> {
  data: T;
  headers: Headers;
}

async function send<T>(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<WithHeaders<T>> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': acceptLanguage,
    ...options.headers,
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
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
    const headers = response.headers;
    if (response.status === 204) return { data: undefined as T, headers };
    const type = headers.get('content-type') ?? '';
    if (!type.includes('json')) return { data: undefined as T, headers };
    return { data: (await response.json()) as T, headers };
  }

  if (response.status === 401 && !options.expectUnauthorized) onUnauthorized?.(path);
  throw await toApiError(response);
}

/**
 * The URL to fetch for an API path: paths are relative to /api/v1 (`/session`), except absolute
 * API paths (`/api/v1/…`), which are taken as they are (e.g. a `nextLink` resolved by {@link resolveLink}).
 */
export function apiUrl(path: string): string {
  return path.startsWith('/api/') ? path : `/api/v1${path}`;
}

/**
 * Resolves a list's `nextLink` (quality §1: opaque, possibly relative) against the URL of the request
 * that returned it, as a browser resolves a relative link. Only same-origin API URLs are followed.
 */
export function resolveLink(nextLink: string, requestPath: string): string {
  const base = new URL(apiUrl(requestPath), window.location.origin);
  const url = new URL(nextLink, base);
  if (url.origin !== window.location.origin || !url.pathname.startsWith('/api/'))
    throw new ApiError(0, 'UnexpectedResponse', '');
  return url.pathname + url.search;
}

export interface Download {
  blob: Blob;
  /** From Content-Disposition, when the server named the file. */
  filename: string | null;
}

/**
 * GETs a file (e.g. a CSV export) with the session cookie, reporting the bytes received so far so
 * that long downloads can show progress (quality §4).
 */
export async function download(
  path: string,
  options: { accept: string; signal?: AbortSignal; onProgress?: (bytes: number) => void },
): Promise<Download> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      headers: { Accept: options.accept, 'Accept-Language': acceptLanguage },
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NetworkError', '');
  }
  if (!response.ok) {
    if (response.status === 401) onUnauthorized?.(path);
    throw await toApiError(response);
  }
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  const chunks: BlobPart[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      options.onProgress?.(received);
    }
  } else {
    chunks.push(await response.arrayBuffer());
  }
  return {
    blob: new Blob(chunks, { type }),
    filename: filenameOf(response.headers.get('content-disposition')),
  };
}

function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() || null;
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
  /** Any method, answering the data with the response headers. */
  send: <T>(method: string, path: string, body?: unknown, options?: RequestOptions) =>
    send<T>(method, path, body, options),
};

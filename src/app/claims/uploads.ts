import type { FileKind } from '../../contracts/claims.ts';
import { DomainError } from '../../domain/errors.ts';

// What a POE upload may be (spec §4.4 S1, S2): findings-and-recommendations PDF/DOCX/PPTX ≤ 25 MB,
// invoice PDF ≤ 10 MB. Everything that can be decided from the headers is decided before a byte of
// the body is read (uploadRule); the first bytes must then match the declared type (checkedUpload).

export const MB = 1024 * 1024;

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
export const UPLOAD_CONTENT_TYPES = [PDF, DOCX, PPTX] as const;

const UPLOAD_LIMITS: Readonly<Record<FileKind, { types: readonly string[]; maxBytes: number }>> = {
  findingsReport: { types: [PDF, DOCX, PPTX], maxBytes: 25 * MB },
  invoice: { types: [PDF], maxBytes: 10 * MB },
};

/** The largest upload of any kind (the route's body limit). */
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(UPLOAD_LIMITS).map((l) => l.maxBytes));

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]); // DOCX and PPTX are ZIP containers

export interface UploadMeta {
  /** The Content-Type header as sent. */
  contentType: string | undefined;
  /** The Content-Length header, when the body is not chunked. */
  contentLength: number | undefined;
  /** Already sanitised (sanitizeFileName). */
  fileName: string;
}

export interface UploadRule {
  contentType: string;
  maxBytes: number;
  magic: Buffer;
}

function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** 415 for a type the kind does not take, 413 for a declared length over the kind's limit. */
export function uploadRule(
  kind: FileKind,
  meta: Pick<UploadMeta, 'contentType' | 'contentLength'>,
): UploadRule {
  const limits = UPLOAD_LIMITS[kind];
  const type = mediaTypeOf(meta.contentType);
  if (!limits.types.includes(type))
    throw new DomainError('UnsupportedMediaType', { target: 'Content-Type', params: { kind } });
  if (meta.contentLength !== undefined && meta.contentLength > limits.maxBytes)
    throw new DomainError('PayloadTooLarge', {
      target: 'Content-Length',
      params: { maxBytes: limits.maxBytes },
    });
  return { contentType: type, maxBytes: limits.maxBytes, magic: type === PDF ? PDF_MAGIC : ZIP_MAGIC };
}

/**
 * The file name to keep and show: the last path segment, without control or path characters, at most
 * 200 characters; null when nothing usable is left.
 */
export function sanitizeFileName(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  let name = raw;
  try {
    // X-File-Name may be percent-encoded (headers are Latin-1); a bad escape keeps the raw text.
    if (/%[0-9A-Fa-f]{2}/.test(name)) name = decodeURIComponent(name);
  } catch {
    /* keep raw */
  }
  name = name.normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(/[\p{Cc}\p{Cf}\u2028\u2029"*:<>?|]/gu, '').trim();
  name = name.replace(/^\.+/, '');
  if (name.length > 200) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, 200 - ext.length) + ext;
  }
  return name.length > 0 ? name : null;
}

/**
 * Passes the body through, checking that it starts with the magic bytes of the declared type (415
 * otherwise, also for an empty body). Reading stops at the first refusal; a Readable is iterated
 * without being destroyed, so the caller can still answer on its connection.
 */
export async function* checkedUpload(
  body: AsyncIterable<Uint8Array> | NodeJS.ReadableStream,
  rule: UploadRule,
): AsyncGenerator<Uint8Array> {
  const source = body as { iterator?: (o: { destroyOnReturn: boolean }) => AsyncIterable<Uint8Array> };
  const chunks =
    typeof source.iterator === 'function'
      ? source.iterator({ destroyOnReturn: false })
      : (body as AsyncIterable<Uint8Array>);
  let head: Buffer | null = Buffer.alloc(0);
  for await (const chunk of chunks) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    if (head === null) {
      yield bytes;
      continue;
    }
    head = Buffer.concat([head, bytes]);
    if (head.length < rule.magic.length) continue;
    if (!head.subarray(0, rule.magic.length).equals(rule.magic))
      throw new DomainError('UnsupportedMediaType', { target: 'body' });
    yield head;
    head = null;
  }
  if (head !== null) throw new DomainError('UnsupportedMediaType', { target: 'body' });
}

import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localFileStore } from '../../../src/adapters/files/local-file-store.ts';
import { DomainError } from '../../../src/domain/errors.ts';

describe('local file store (content-addressed, streamed, size-limited)', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'mci-files-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const readAll = async (s: NodeJS.ReadableStream) => {
    const parts: Buffer[] = [];
    for await (const c of s as AsyncIterable<Buffer>) parts.push(c);
    return Buffer.concat(parts);
  };

  it('stores a stream under <root>/<aa>/<sha256> and reads it back', async () => {
    const store = localFileStore(root);
    const bytes = Buffer.from('%PDF-1.4 hello');
    const put = await store.put(Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]), 1000);
    expect(put).toEqual({ sha256: sha(bytes), sizeBytes: bytes.length });
    expect(await readFile(join(root, put.sha256.slice(0, 2), put.sha256))).toEqual(bytes);
    expect(await readAll((await store.get(put.sha256))!)).toEqual(bytes);
  });

  it('is idempotent for the same bytes', async () => {
    const store = localFileStore(root);
    const bytes = Buffer.from('same bytes twice');
    const a = await store.put(Readable.from([bytes]), 1000);
    const b = await store.put(Readable.from([bytes]), 1000);
    expect(a).toEqual(b);
    expect(await readdir(join(root, a.sha256.slice(0, 2)))).toContain(a.sha256);
  });

  it('aborts past maxBytes with PayloadTooLarge and keeps nothing', async () => {
    const store = localFileStore(root);
    let produced = 0;
    // An endless source: the store must stop reading it once the limit is passed.
    const endless = new Readable({
      read() {
        produced += 1024;
        this.push(Buffer.alloc(1024, 1));
      },
    });
    const error = await store.put(endless, 10 * 1024).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('PayloadTooLarge');
    expect(produced).toBeLessThan(200 * 1024);
    endless.destroy();
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    expect(await store.get(sha(Buffer.alloc(11 * 1024, 1)))).toBeNull();
  });

  it('answers null for unknown or malformed ids', async () => {
    const store = localFileStore(root);
    expect(await store.get('0'.repeat(64))).toBeNull();
    expect(await store.get('../../etc/passwd')).toBeNull();
  });
});

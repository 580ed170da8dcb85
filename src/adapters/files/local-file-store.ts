import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { FileStore } from '../../app/ports.ts';
import { DomainError } from '../../domain/errors.ts';

// The embedded FileStore (issue 6): content-addressed blobs on local disk, `<root>/<aa>/<sha256>`.
// A blob is streamed into a temporary file in `<root>/tmp` while it is hashed, and renamed into place
// only when complete, so a reader never sees half a file and a crash leaves only a temporary file.
// Storing the same bytes twice is harmless (same name, same content). Past `maxBytes` the write is
// aborted at once (PayloadTooLarge) and the temporary file removed: nothing larger is ever kept.

const SHA256 = /^[0-9a-f]{64}$/;

export function localFileStore(root: string): FileStore & { pathOf(sha256: string): string } {
  const pathOf = (sha256: string) => join(root, sha256.slice(0, 2), sha256);
  return {
    pathOf,
    async put(body, maxBytes) {
      const tmpDir = join(root, 'tmp');
      await mkdir(tmpDir, { recursive: true });
      const tmp = join(tmpDir, `${randomUUID()}.part`);
      const hash = createHash('sha256');
      let size = 0;
      const out = createWriteStream(tmp, { flags: 'wx' });
      const closed = new Promise<void>((resolve, reject) => {
        out.on('close', resolve);
        out.on('error', reject);
      });
      closed.catch(() => {}); // awaited below; never an unhandled rejection meanwhile
      const source = body as Partial<Readable> & AsyncIterable<Uint8Array | string>;
      // Leaving the loop early must not destroy a request stream: the caller still has to answer on it.
      const chunks =
        typeof source.iterator === 'function' ? source.iterator({ destroyOnReturn: false }) : source;
      try {
        for await (const chunk of chunks) {
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          size += bytes.byteLength;
          if (size > maxBytes) throw new DomainError('PayloadTooLarge', { params: { maxBytes } });
          hash.update(bytes);
          if (!out.write(bytes)) await once(out, 'drain');
        }
        out.end();
        await closed;
        const sha256 = hash.digest('hex');
        await mkdir(join(root, sha256.slice(0, 2)), { recursive: true });
        await rename(tmp, pathOf(sha256));
        return { sha256, sizeBytes: size };
      } catch (error) {
        out.destroy();
        await closed.catch(() => {});
        await rm(tmp, { force: true });
        // Discard what is left of the body (the caller answers and closes the connection).
        if (typeof source.resume === 'function') source.resume();
        throw error;
      }
    },
    async get(sha256) {
      if (!SHA256.test(sha256)) return null;
      const path = pathOf(sha256);
      try {
        await stat(path);
      } catch {
        return null;
      }
      return createReadStream(path);
    },
  };
}

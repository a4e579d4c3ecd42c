/** The Worker's file store: an R2 bucket. */
import type { FileStore } from '../files/file-store.ts';

export function r2Store(bucket: R2Bucket): FileStore {
  return {
    async put(key, bytes, contentType) {
      await bucket.put(key, bytes, { httpMetadata: { contentType } });
    },
    async get(key) {
      const object = await bucket.get(key);
      return object ? { body: object.body as ReadableStream<Uint8Array>, size: object.size } : null;
    },
    async delete(key) {
      await bucket.delete(key);
    },
  };
}

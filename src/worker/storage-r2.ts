/** Answer images in a Cloudflare R2 bucket (the Workers home); the Node home keeps them in a folder. */
import type { ImageStore } from '../storage';

/**
 * The part of the R2 binding this store uses, written out so the code type-checks without the Workers
 * global types (which clash with Node's and the DOM's). A real `R2Bucket` satisfies it.
 */
export interface R2BucketLike {
  put(key: string, value: Uint8Array, options?: { httpMetadata?: { contentType?: string } }): Promise<unknown>;
  get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer>; httpMetadata?: { contentType?: string } } | null>;
  delete(key: string): Promise<void>;
}

export function r2ImageStore(bucket: R2BucketLike): ImageStore {
  return {
    async put(key, body, contentType) {
      await bucket.put(key, body, { httpMetadata: { contentType } });
    },
    async get(key) {
      const object = await bucket.get(key);
      if (!object) return null;
      return {
        body: new Uint8Array(await object.arrayBuffer()),
        contentType: object.httpMetadata?.contentType ?? 'application/octet-stream',
      };
    },
    async delete(key) {
      await bucket.delete(key);
    },
  };
}

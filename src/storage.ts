/**
 * Where answer images live. Node keeps them in a folder under the data directory (src/node/storage-fs.ts);
 * Workers keep them in an R2 bucket. Keys are opaque, random and never derived from user input.
 */
export interface StoredObject {
  body: Uint8Array;
  contentType: string;
}

export interface ImageStore {
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<StoredObject | null>;
  delete(key: string): Promise<void>;
}

/**
 * Cleans images stored before uploads were stripped of their metadata: each one's bytes are rewritten
 * without EXIF, GPS, XMP, IPTC or comments, and its row marked. Run to the end by `kindling migrate`, and a
 * batch per scheduler tick so the Workers home (whose images are in R2) cleans its own. Safe to run twice:
 * only unmarked rows are read, and stripping a clean image changes nothing.
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { images } from '../../db/schema';
import { stripMetadata } from '../domain/images/strip-metadata';
import type { ImageStore } from '../storage';

/** Per call: each image is a read and a write of up to 1 MB, so a tick stays short. */
const BATCH = 20;

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

export interface CleanOptions {
  /** Continue after this image id (a run over every row passes the last id it got back). */
  after?: string;
  /**
   * Whether an image whose bytes this store lacks is marked clean. Only for the home's own store: the CLI
   * may be pointed at a database whose images are elsewhere (a Worker's R2 bucket), and leaves those alone.
   */
  markMissing: boolean;
}

/** Cleans up to one batch of unmarked images; `last` is the last id looked at, null when none was left. */
export async function cleanStoredImages(db: Db, store: ImageStore, options: CleanOptions): Promise<{ cleaned: number; last: string | null }> {
  const rows = await db
    .select({ id: images.id, contentType: images.contentType })
    .from(images)
    .where(and(eq(images.metadataStripped, false), options.after === undefined ? undefined : gt(images.id, options.after)))
    .orderBy(asc(images.id))
    .limit(BATCH);
  let cleaned = 0;
  for (const { id, contentType } of rows) {
    const object = await store.get(id);
    if (!object && !options.markMissing) continue;
    const clean = object && stripMetadata(object.body, contentType);
    // Bytes too broken to tell picture from metadata cannot be shown safely: they go, the answer stays.
    if (object && !clean) await store.delete(id);
    else if (object && clean && !sameBytes(clean, object.body)) await store.put(id, clean, contentType);
    await db
      .update(images)
      .set({ metadataStripped: true, ...(clean ? { byteSize: clean.length } : {}) })
      .where(and(eq(images.id, id), eq(images.metadataStripped, false)));
    cleaned += 1;
  }
  return { cleaned, last: rows.at(-1)?.id ?? null };
}

/** Every unmarked image this store holds, batch after batch; returns how many were cleaned. */
export async function cleanAllStoredImages(db: Db, store: ImageStore): Promise<number> {
  let total = 0;
  let after: string | undefined;
  for (;;) {
    const { cleaned, last } = await cleanStoredImages(db, store, { after, markMissing: false });
    total += cleaned;
    if (last === null) return total;
    after = last;
  }
}

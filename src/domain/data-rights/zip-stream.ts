/**
 * A zip written as it is read. fflate (zero dependencies, plain JavaScript, no native code: it runs the same
 * on Node and Workers) builds the archive; each pull of the response stream adds one entry, so at most one
 * image's bytes are held at a time, whatever the number of images, and a slow reader slows the reading of
 * the store rather than filling memory. JSON is deflated; images are stored as they are (already compressed).
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export interface ZipEntry {
  /** Path inside the archive, e.g. images/ab12.png. */
  name: string;
  /** The bytes, read only when the entry's turn comes; null skips the entry (an image gone meanwhile). */
  read: () => Promise<Uint8Array | null>;
  compress: boolean;
}

const encoder = new TextEncoder();

/** An entry holding this value as indented JSON. */
export function jsonEntry(name: string, value: unknown): ZipEntry {
  return { name, compress: true, read: async () => encoder.encode(JSON.stringify(value, null, 2)) };
}

/** The archive of these entries, in order, as a byte stream; `mtime` dates every entry. */
export function zipStream(entries: Iterable<ZipEntry>, mtime: Date): ReadableStream<Uint8Array> {
  const queue = entries[Symbol.iterator]();
  let zip: Zip;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((err, chunk, final) => {
        if (err) return controller.error(err);
        if (chunk.length > 0) controller.enqueue(chunk);
        if (final) controller.close();
      });
    },
    async pull() {
      // Entries that turn out to be gone are skipped within the same pull, so each pull yields bytes.
      for (let next = queue.next(); ; next = queue.next()) {
        if (next.done) return zip.end();
        const bytes = await next.value.read();
        if (!bytes) continue;
        const file = next.value.compress ? new ZipDeflate(next.value.name, { level: 6 }) : new ZipPassThrough(next.value.name);
        file.mtime = mtime;
        zip.add(file);
        file.push(bytes, true);
        return;
      }
    },
    cancel() {
      zip.terminate();
    },
  });
}

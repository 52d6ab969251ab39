/**
 * A zip written as it is read. fflate (zero dependencies, plain JavaScript, no native code: it runs the same
 * on Node and Workers) builds the archive; each pull of the response stream adds one entry, so at most one
 * image's bytes are held at a time, whatever the number of images, and a slow reader slows the reading of
 * the store rather than filling memory. A big JSON document comes in parts (streamedJsonEntry), each deflated
 * as it comes. JSON is deflated; images are stored as they are (already compressed).
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export interface ZipEntry {
  /** Path inside the archive, e.g. images/ab12.png. */
  name: string;
  /**
   * The bytes, read only when the entry's turn comes: at once, or in parts (a big JSON document); null skips the
   * entry (an image gone meanwhile).
   */
  read: () => Promise<Uint8Array | AsyncIterable<Uint8Array> | null>;
  compress: boolean;
}

const encoder = new TextEncoder();

/** An entry holding this value as indented JSON. */
export function jsonEntry(name: string, value: unknown): ZipEntry {
  return { name, compress: true, read: async () => encoder.encode(JSON.stringify(value, null, 2)) };
}

/** Stands in for the streamed list while the rest of the document is written. */
const HOLE = '\u0000streamed\u0000';

/**
 * An entry holding `value` as indented JSON, byte for byte what jsonEntry writes, with its property `key` (a
 * list) written from `pages` as they come: a big list is never held whole, neither as rows nor as text.
 */
export function streamedJsonEntry(name: string, value: Record<string, unknown>, key: string, pages: () => AsyncIterable<unknown[]>): ZipEntry {
  async function* parts(): AsyncIterable<Uint8Array> {
    const [before, after] = JSON.stringify({ ...value, [key]: HOLE }, null, 2).split(JSON.stringify(HOLE)) as [string, string];
    let first = true;
    for await (const page of pages()) {
      if (page.length === 0) continue;
      // As JSON.stringify indents an object at the list's depth (the document's top level holds the list).
      const items = page.map((item) => JSON.stringify(item, null, 2).replace(/^/gm, '    '));
      yield encoder.encode((first ? `${before}[\n` : ',\n') + items.join(',\n'));
      first = false;
    }
    yield encoder.encode((first ? `${before}[]` : '\n  ]') + after);
  }
  return { name, compress: true, read: async () => parts() };
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
        if (bytes instanceof Uint8Array) file.push(bytes, true);
        else {
          // Each part is deflated and handed on as it comes; only the entry's end closes it.
          for await (const part of bytes) file.push(part, false);
          file.push(new Uint8Array(0), true);
        }
        return;
      }
    },
    cancel() {
      zip.terminate();
    },
  });
}

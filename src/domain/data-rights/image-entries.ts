/** Images in an export: their path in the archive, and entries that read each one from the store in its turn. */
import type { ImageStore } from '../../storage';
import type { ZipEntry } from './zip-stream';

const EXTENSION: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/** For these images: `pathOf(id)`, their path in the archive, and `files(store)`, one lazy zip entry each. */
export function imageEntries(images: { id: string; contentType: string }[]) {
  const types = new Map(images.map((i) => [i.id, i.contentType]));
  // Ids are random letters, digits, - and _ (never user input), so they are safe as file names.
  const pathOf = (id: string) => `images/${id}.${EXTENSION[types.get(id) ?? ''] ?? 'bin'}`;
  const files = (store: ImageStore): ZipEntry[] =>
    images.map((i) => ({
      name: pathOf(i.id),
      compress: false,
      // An image deleted between the listing and its turn is left out rather than failing the download.
      read: async () => (await store.get(i.id))?.body ?? null,
    }));
  return { pathOf, files };
}

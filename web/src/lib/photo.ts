/**
 * Gets a photo ready for upload (at most 1 MB, 4096 px a side). Phone photos are re-encoded: that shrinks
 * them to size and drops their EXIF data, which often holds where the photo was taken. Where the browser
 * cannot decode the file, it goes as is and the server's check decides.
 */
export const MAX_IMAGE_BYTES = 1024 * 1024;
const MAX_SIDE = 2048;

export async function preparePhoto(file: Blob): Promise<Blob> {
  const needsWork = file.type === 'image/jpeg' || file.size > MAX_IMAGE_BYTES;
  if (!needsWork || typeof createImageBitmap !== 'function') return file;
  try {
    const bitmap = await createImageBitmap(file);
    for (const [side, quality] of [[MAX_SIDE, 0.85], [1600, 0.75], [1200, 0.7]] as const) {
      const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      const ctx = canvas.getContext('2d');
      if (!ctx) return file;
      ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
      if (blob && blob.size <= MAX_IMAGE_BYTES) return blob;
    }
  } catch {
    // Not decodable here: let the server say what is wrong with it.
  }
  return file;
}

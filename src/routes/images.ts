/** Uploading an answer image (raw bytes or a form's `file`) and fetching one with the answer's visibility. */
import { Hono, type Context } from 'hono';
import { DomainError, invalidField, notFound } from '../domain/errors';
import { imageForViewer } from '../domain/images/access';
import { MAX_IMAGE_BYTES, uploadImage } from '../domain/images/images';
import { stripMetadata } from '../domain/images/strip-metadata';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { rateLimit } from '../middleware/rate-limit';
import { validate } from '../middleware/validate';
import { imageIdParam } from '../schemas';

/** The image plus a multipart envelope; the image itself is held to MAX_IMAGE_BYTES exactly. */
export const MAX_UPLOAD_REQUEST_BYTES = MAX_IMAGE_BYTES + 64 * 1024;

/** Declared types are only a way in: the bytes decide what the image is (src/domain/images/format.ts). */
const RAW_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'application/octet-stream']);

/** Visitors may see it: any cache may keep it for a year, since an id's bytes never change. */
const SHARED_CACHE = 'public, max-age=31536000, immutable';
/** Members-only or facilitators-only: the viewer's browser alone, and not for long (visibility can be lost). */
const PRIVATE_CACHE = 'private, max-age=3600';

async function readUpload(c: Context<AppEnv>): Promise<{ bytes: Uint8Array; field: string }> {
  const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      throw invalidField('body', 'is not a readable multipart/form-data body');
    }
    const file = form.get('file');
    if (!(file instanceof File)) throw invalidField('file', 'must be a file field holding the image');
    return { bytes: new Uint8Array(await file.arrayBuffer()), field: 'file' };
  }
  if (RAW_TYPES.has(type)) return { bytes: new Uint8Array(await c.req.arrayBuffer()), field: 'body' };
  const message = 'must be image/png, image/jpeg, image/webp, application/octet-stream or multipart/form-data';
  throw new DomainError('unsupported_image', `Content-Type ${message}`, { issues: [{ path: 'Content-Type', message }] });
}

/** If-None-Match with a list of tags; weak comparison, as RFC 9110 asks for this header. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

export const imageRoutes = new Hono<AppEnv>()
  .post('/images', rateLimit('uploads'), async (c) => {
    const caller = requireCaller(c);
    const upload = await readUpload(c);
    return c.json(await uploadImage(c.get('db'), c.get('deps').images, { caller, ...upload }, c.get('now')), 201);
  })
  .get('/images/:id', validate('param', imageIdParam), async (c) => {
    const { id } = c.req.valid('param');
    const { contentType, metadataStripped, shared } = await imageForViewer(c.get('db'), { imageId: id, caller: c.get('caller') });
    // Nothing here names the uploader: an anonymous answer's image must not reveal its author.
    const headers = {
      // Strong: the bytes served for an id never change. The "s." marks bytes served stripped of metadata,
      // so a copy cached before stripping existed ("<id>") is fetched again, never confirmed with a 304.
      ETag: `"s.${id}"`,
      'Cache-Control': shared ? SHARED_CACHE : PRIVATE_CACHE,
      'X-Content-Type-Options': 'nosniff',
      // Opened on its own, the file can run nothing, whatever bytes follow its header.
      'Content-Security-Policy': "default-src 'none'; sandbox",
    };
    if (matches(c.req.header('If-None-Match'), headers.ETag)) return c.body(null, 304, headers);
    const object = await c.get('deps').images.get(id);
    // An image stored before uploads were stripped, not yet cleaned by the scheduler: stripped on the way out.
    const body = metadataStripped ? object?.body : object && stripMetadata(object.body, contentType);
    if (!body) throw notFound('Image');
    return c.body(body as Uint8Array<ArrayBuffer>, 200, { ...headers, 'Content-Type': contentType });
  });

/**
 * Answer images: upload (checked by content), and the check and the writes that attach one to an answer
 * (who may fetch one is in ./access.ts, beside the answer visibility rule it reuses).
 * An image is uploaded on its own, then attached to exactly one answer, whose visibility it inherits.
 */
import { and, count, eq, exists, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, images, memberships, submissions } from '../../../db/schema';
import type { ImageStore } from '../../storage';
import { randomToken } from '../crypto';
import { DomainError, type Issue } from '../errors';
import { sniffImage } from './format';
import { declaredFramesFit } from './declared-frames';
import { stripMetadata } from './strip-metadata';
import type { Caller } from '../identity/sessions';

/** About 1 MB: a phone photo or a sketch, never an archive. */
export const MAX_IMAGE_BYTES = 1024 * 1024;
/** Larger sides only cost memory in every browser that shows the gallery. */
export const MAX_IMAGE_SIDE = 4096;
/** Uploads not yet attached to an answer, per member: bounds the disk a member can fill before the sweep. */
const MAX_PENDING_UPLOADS = 20;

export const imageUrl = (id: string) => `/api/images/${id}`;

async function requireUploader(db: Db, caller: Caller) {
  // Answering needs a community (stewards may answer in any, and a public one is joined by a first answer,
  // picture and all), so uploading does too.
  if (!caller.isSteward) {
    const [m] = await db
      .select({ one: sql`1` })
      .from(communities)
      .where(
        or(
          eq(communities.visibility, 'public'),
          exists(db.select({ one: sql`1` }).from(memberships).where(and(eq(memberships.userId, caller.id), eq(memberships.communityId, communities.id)))),
        ),
      )
      .limit(1);
    if (!m) throw new DomainError('forbidden', 'Join a community before uploading images');
  }
  const [pending] = await db
    .select({ n: count() })
    .from(images)
    .where(and(eq(images.ownerId, caller.id), isNull(images.communityId)));
  if ((pending?.n ?? 0) >= MAX_PENDING_UPLOADS) {
    throw new DomainError('too_many_uploads', 'Attach or wait for earlier uploads to expire before uploading more');
  }
}

/**
 * Stores an uploaded image after checking what its bytes are (PNG, JPEG or WebP), its size and its
 * dimensions. `field` names where the bytes came from (`file` for a form, `body` for a raw upload).
 */
export async function uploadImage(db: Db, store: ImageStore, input: { caller: Caller; bytes: Uint8Array; field: string }, now: Date) {
  const { caller, bytes, field } = input;
  await requireUploader(db, caller);
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new DomainError('payload_too_large', `Images are limited to ${MAX_IMAGE_BYTES} bytes`, {
      issues: [{ path: field, message: `must be at most ${MAX_IMAGE_BYTES} bytes` }],
    });
  }
  const sniffed = sniffImage(bytes);
  if (!sniffed.ok) {
    const [code, message] =
      sniffed.reason === 'unsupported'
        ? (['unsupported_image', 'must be a PNG, JPEG or WebP image'] as const)
        : (['image_invalid', 'is a damaged or truncated image'] as const);
    throw new DomainError(code, `The ${field} ${message}`, { issues: [{ path: field, message }] });
  }
  const { contentType, width, height } = sniffed;
  // Pixel floods: a few bytes can declare a picture that takes gigabytes to decode in every viewer's browser.
  // Only headers are read, never pixels (4096² is also the 16.7-megapixel bound).
  const tooBig: Issue[] = (['width', 'height'] as const)
    .filter((side) => sniffed[side] > MAX_IMAGE_SIDE)
    .map((side) => ({ path: side, message: `must be at most ${MAX_IMAGE_SIDE} pixels (this image declares ${sniffed[side]})` }));
  if (tooBig.length) {
    throw new DomainError('image_too_large', `Images are limited to ${MAX_IMAGE_SIDE}×${MAX_IMAGE_SIDE} pixels; this one declares ${width}×${height}`, { issues: tooBig });
  }
  if (!declaredFramesFit(bytes, contentType, sniffed)) {
    const message = 'declares a frame larger than its canvas, or a second frame header';
    throw new DomainError('image_too_large', `The ${field} ${message}`, { issues: [{ path: field, message }] });
  }

  // Nothing but the picture is kept: GPS and the rest of a photo's metadata would follow it to every viewer.
  const clean = stripMetadata(bytes, contentType);
  if (!clean) throw new DomainError('image_invalid', `The ${field} is a damaged image`, { issues: [{ path: field, message: 'is a damaged image' }] });

  // 128 random bits, 22 base64url characters: the shape src/schemas' imageId accepts.
  const id = randomToken(16);
  // Bytes first, row second: a row always has its bytes; a failed insert leaves no stray file behind.
  await store.put(id, clean, contentType);
  try {
    await db
      .insert(images)
      .values({ id, ownerId: caller.id, contentType, byteSize: clean.length, width, height, createdAt: now.getTime(), metadataStripped: true });
  } catch (err) {
    await store.delete(id);
    throw err;
  }
  return { id, url: imageUrl(id), width, height, contentType };
}

/** The check before attaching: the image exists, is the caller's, and no answer holds it yet (else 422). */
export async function requireAttachable(db: Db, imageId: string, caller: Caller) {
  const [image] = await db
    .select({ ownerId: images.ownerId, communityId: images.communityId })
    .from(images)
    .where(eq(images.id, imageId));
  // Someone else's image answers like an unknown one: ids are not confirmed to other members.
  if (!image || image.ownerId !== caller.id) throw unavailable('is not an image you uploaded (or it expired)');
  if (image.communityId !== null) throw unavailable('is already attached to another answer');
}

export const unavailable = (message: string) =>
  new DomainError('image_unavailable', `imageId ${message}`, { issues: [{ path: 'imageId', message }] });

/**
 * The answer's INSERT, taking its image in the same statement: it finds the image row only while it is
 * still the caller's and unattached. An image swept or attached since the check must fail the whole batch
 * (nothing else in it may commit without the answer), so the statement then still yields its one row, with
 * a NULL prompt id that the NOT NULL constraint refuses; a concurrent double attach fails on the unique
 * image_id index. Either way the caller sees a constraint failure and answers `unavailable`.
 */
export function insertAnswerWithImage(db: Db, v: typeof submissions.$inferInsert, imageId: string) {
  const value = <T>(x: T, column: string) => sql<T>`${x}`.as(column);
  return db
    .insert(submissions)
    .select((qb) =>
      qb
        // In the table's column order: INSERT … SELECT matches columns by position.
        .select({
          id: sql<number>`null`.as('id'),
          promptId: sql<number>`case when ${images.id} is null then null else ${v.promptId} end`.as('prompt_id'),
          communityId: value(v.communityId, 'community_id'),
          userId: value(v.userId, 'user_id'),
          level: value(v.level, 'level'),
          body: value(v.body, 'body'),
          link: value(v.link ?? null, 'link'),
          visibility: value(v.visibility, 'visibility'),
          // Raw SQL skips the columns' boolean mapping: bind what is stored, 0 or 1.
          anonymous: sql<boolean>`${v.anonymous ? 1 : 0}`.as('anonymous'),
          points: value(v.points, 'points'),
          onTime: sql<boolean>`${v.onTime ? 1 : 0}`.as('on_time'),
          imageId: images.id,
          createdAt: value(v.createdAt, 'created_at'),
          publicId: value(v.publicId ?? null, 'public_id'),
          moderation: sql<'visible'>`'visible'`.as('moderation'),
          encouragedAt: sql<number | null>`null`.as('encouraged_at'),
        })
        .from(sql`(select 1)`)
        .leftJoin(images, and(eq(images.id, imageId), eq(images.ownerId, v.userId), isNull(images.communityId))),
    )
    .returning({ id: submissions.id });
}

/** Takes the image out of the sweep, in the answer's batch, only if that answer is the one holding it. */
export function markAttached(db: Db, imageId: string, communityId: number) {
  return db
    .update(images)
    .set({ communityId })
    .where(and(eq(images.id, imageId), sql`exists (select 1 from ${submissions} where ${submissions.imageId} = ${imageId})`));
}

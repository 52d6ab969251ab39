/**
 * Many answers with images for one member, written straight to the database and the store (the API would take
 * minutes for a thousand): a community made through the API, then prompts, images and answers in batches.
 */
import { images, prompts, series, submissions } from '../../db/schema';
import type { TestApp } from './app';
import { createCommunity } from './fixtures';

/** `count` answers (easy and hard on count/2 prompts), each with an image of `imageBytes` bytes. */
export async function bulkAnswers(t: TestApp, count: number, imageBytes: number) {
  const member = await t.userToken('bulk@example.org', 'Bulk');
  const community = await createCommunity(t, member.token, { slug: 'bulk', name: 'Bulk' });
  const now = t.clock.now().getTime();
  const promptIds = await openSeries(t, { communityId: community.id, createdBy: member.userId, prompts: Math.ceil(count / 2) });
  // A PNG header (the export copies bytes as they are), then filler.
  const bytes = new Uint8Array(imageBytes);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < imageBytes; i++) bytes[i] = (i * 31) & 0xff;
  const ids: string[] = [];
  for (let i = 0; i < count; i += 20) {
    const chunk = Array.from({ length: Math.min(20, count - i) }, (_, j) => i + j);
    const imageRows = chunk.map((k) => ({ id: `bulk${String(k).padStart(6, '0')}`, ownerId: member.userId, communityId: community.id, contentType: 'image/png' as const, byteSize: imageBytes, width: 8, height: 8, createdAt: now, metadataStripped: true }));
    for (const r of imageRows) await t.images.put(r.id, bytes, r.contentType);
    await t.db.insert(images).values(imageRows);
    await t.db.insert(submissions).values(
      chunk.map((k, j) => ({
        promptId: promptIds[Math.floor(k / 2)]!, communityId: community.id, userId: member.userId, level: k % 2 ? ('hard' as const) : ('easy' as const),
        body: `Answer ${k} `.padEnd(300, 'x'), visibility: 'community' as const, anonymous: k % 3 === 0, points: 1, onTime: true, imageId: imageRows[j]!.id, createdAt: now + k,
      })),
    );
    ids.push(...imageRows.map((r) => r.id));
  }
  return { member, community, imageIds: ids };
}

/** A running series of `prompts` prompts, all open, written straight to the tables: returns the prompts' ids. */
export async function openSeries(t: TestApp, o: { communityId: number; createdBy: number; prompts: number; title?: string }) {
  const [s] = await t.db
    .insert(series)
    .values({ communityId: o.communityId, title: o.title ?? 'Bulk', startDate: '2026-01-01', cadence: 'daily', status: 'running', createdBy: o.createdBy, createdAt: t.clock.now().getTime() })
    .returning({ id: series.id });
  const promptIds: number[] = [];
  for (let i = 0; i < o.prompts; i += 50) {
    const rows = Array.from({ length: Math.min(50, o.prompts - i) }, (_, j) => ({
      seriesId: s!.id, communityId: o.communityId, position: i + j + 1, easyText: `Easy ${i + j}`, hardText: `Hard ${i + j}`,
      easyPoints: 1, hardPoints: 3, opensOn: '2026-01-01', opensAt: 0, openedAt: 0,
    }));
    promptIds.push(...(await t.db.insert(prompts).values(rows).returning({ id: prompts.id })).map((r) => r.id));
  }
  return promptIds;
}

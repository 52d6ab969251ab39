/** The member export is streamed: images are read from the store as the zip is read, not all before it. */
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { memberExportZip } from '../../src/domain/data-rights/export-member';
import type { ImageStore } from '../../src/storage';
import { makeTestApp, type TestApp } from '../helpers/app';
import { bulkAnswers } from '../helpers/bulk-answers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

it('reads each image only when the reader gets to it, and still delivers every one', async () => {
  const { member, imageIds } = await bulkAnswers(t, 120, 20_000);
  let reads = 0;
  const counting: ImageStore = { ...t.images, get: (key) => (reads++, t.images.get(key)) };
  const caller = { id: member.userId, email: 'bulk@example.org', name: 'Bulk', isSteward: false, showOnLeaderboards: true };
  const reader = (await memberExportZip(t.db, counting, caller, t.clock.now())).getReader();

  const chunks: Uint8Array[] = [];
  const readsAtChunk: number[] = [];
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    chunks.push(r.value);
    readsAtChunk.push(reads);
  }
  // The first bytes leave before the second image is read; by the end, every image was read once.
  expect(readsAtChunk[0]).toBeLessThanOrEqual(1);
  expect(reads).toBe(120);
  // Never more than one image read ahead of what the reader has received.
  const bytesSeen = chunks.reduce((acc, c, i) => (acc.push((acc[i - 1] ?? 0) + c.length), acc), [] as number[]);
  readsAtChunk.forEach((n, i) => expect(n * 20_000, `chunk ${i}`).toBeLessThanOrEqual(bytesSeen[i]! + 20_000));

  const zip = new Uint8Array(bytesSeen.at(-1)!);
  let at = 0;
  for (const c of chunks) zip.set(c, (at += c.length) - c.length);
  const files = unzipSync(zip);
  expect(Object.keys(files).filter((f) => f.startsWith('images/')).sort()).toEqual(imageIds.map((id) => `images/${id}.png`).sort());
  const data = JSON.parse(new TextDecoder().decode(files['kindling-export.json']));
  expect(data.answers).toHaveLength(120);
});

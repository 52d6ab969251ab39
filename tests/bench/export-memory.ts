/**
 * How much memory a member's export takes: 1,000 answers, each with a 100 kB image (100 MB of images), read
 * through the real app as a client would. Prints the zip's size and the process's peak growth in RSS and in
 * heap plus array buffers; then deletes the account and prints how long that took (the batch and the images).
 * Run on its own (not part of `npm run bench`):
 *   node --expose-gc --import tsx tests/bench/export-memory.ts
 */
import { makeTestApp } from '../helpers/app';
import { bulkAnswers } from '../helpers/bulk-answers';

const COUNT = Number(process.env.COUNT ?? 1000);
const IMAGE_BYTES = Number(process.env.IMAGE_BYTES ?? 100_000);
const MB = 1024 * 1024;

const t = await makeTestApp();
try {
  const { member } = await bulkAnswers(t, COUNT, IMAGE_BYTES);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakLive = base.heapUsed + base.arrayBuffers;
  const started = performance.now();
  const res = await t.app.request('/api/me/export', { headers: { Authorization: `Bearer ${member.token}` } });
  let size = 0;
  let chunks = 0;
  const reader = res.body!.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    size += r.value.length;
    // Every 200 chunks: collect, then sample what is still alive (what the export holds, not garbage).
    if (++chunks % 200 === 0) {
      gc?.();
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakLive = Math.max(peakLive, m.heapUsed + m.arrayBuffers);
    }
  }
  const ms = performance.now() - started;
  console.log(
    JSON.stringify({
      answers: COUNT,
      imageBytes: IMAGE_BYTES,
      status: res.status,
      zipMB: +(size / MB).toFixed(1),
      seconds: +(ms / 1000).toFixed(2),
      peakRssGrowthMB: +((peakRss - base.rss) / MB).toFixed(1),
      peakLiveGrowthMB: +((peakLive - base.heapUsed - base.arrayBuffers) / MB).toFixed(1),
      gc: Boolean(gc),
    }),
  );
  const erasing = performance.now();
  const erased = await t.app.request('/api/me', {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${member.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ confirm: 'delete my account' }),
  });
  console.log(JSON.stringify({ erase: erased.status, summary: await erased.json(), seconds: +((performance.now() - erasing) / 1000).toFixed(2) }));
} finally {
  t.close();
}

/** The shared scenarios' view of a Worker running in workerd (used by worker.test.ts and move.test.ts). */
import { expect } from 'vitest';
import { maskEmail } from '../../src/mail/transports';
import { r2ImageStore } from '../../src/worker/storage-r2';
import type { ScenarioTarget } from '../scenarios/target';
import type { WorkerHome } from './wrangler';

export function workerTarget(home: WorkerHome): ScenarioTarget {
  const returned = new Set<string>();
  const store = r2ImageStore(home.bindings.IMAGES);
  return {
    name: 'worker',
    fetch: (path, init) => fetch(`${home.baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(15_000) }),
    async mailedLink(email) {
      // The console transport prints `[mail] to m***@e***: <subject>` and the link on the next line.
      const mask = maskEmail(email);
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
        const links = [...home.output().matchAll(/\[mail\] to (\S+): [^\n]*\n\s*(https?:\/\/\S+)/g)]
          .filter((m) => m[1] === mask && !returned.has(m[2]!))
          .map((m) => m[2]!);
        const link = links.at(-1);
        if (link) {
          returned.add(link);
          return link;
        }
      }
      throw new Error(`no sign-in link for ${mask} in wrangler dev's output within 10 s`);
    },
    async runScheduler() {
      // What Cloudflare does every minute, fired by hand (wrangler dev --test-scheduled).
      const res = await fetch(`${home.baseUrl}/__scheduled?cron=${encodeURIComponent('* * * * *')}`, {
        signal: AbortSignal.timeout(15_000),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await res.text()).toContain('Ran scheduled event');
    },
    async query(sql, ...params) {
      // This reads the local D1 file from a second process, beside wrangler dev's, whose background work
      // (the recognition drain in waitUntil) may be writing it: a locked read surfaces as D1's "internal
      // error", so it is retried. Production has one D1 and no second reader.
      for (let attempt = 1; ; attempt++) {
        try {
          const { results } = await home.bindings.DB.prepare(sql).bind(...params).all();
          return results;
        } catch (err) {
          if (attempt >= 10 || !/internal error|SQLITE_BUSY|locked/i.test(String(err))) throw err;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    },
    storedImage: (key) => store.get(key),
  };
}

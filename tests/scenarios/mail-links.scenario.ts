/**
 * Issue 11's one-click unsubscribe (RFC 8058) over HTTP only, run against every home (Node in
 * tests/api/loop-scenarios.test.ts, the Worker in workerd in tests/worker/worker.test.ts): a cookieless POST
 * answers 200 without a redirect and turns the mail off, GET changes nothing, a forged token is a 404.
 * The token is signed here with the deployment's secret read from the database, as the tick would sign it.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { community, signIn } from './loop.scenario';
import { client, uniq, type ScenarioTarget } from './target';

export function mailLinkScenarios(target: () => ScenarioTarget) {
  describe('mailed links', () => {
    it('one-click unsubscribe: POST 200 without a redirect, GET changes nothing, a forged token is 404', async () => {
      const t = target();
      const id = uniq();
      const fran = await signIn(t, `fran-${id}@example.org`, 'Fran');
      const { slug } = await community(fran);
      const visitor = client(t);
      const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
      // A forged token: a 404 page, and the first look creates the deployment's mail secret.
      const forged = await t.fetch('/mail/unsubscribe/dS4xLjE.AAAA', { method: 'POST', headers: form, body: 'List-Unsubscribe=One-Click' });
      expect(forged.status).toBe(404);
      expect(await forged.text()).toContain('This link does not work');
      const [secret] = await t.query(`SELECT value FROM settings WHERE key = 'mail_token_secret'`);
      const [ids] = await t.query(
        `SELECT u.id AS userId, c.id AS communityId FROM users u JOIN memberships m ON m.user_id = u.id JOIN communities c ON c.id = m.community_id WHERE c.slug = ?`,
        slug,
      );
      const payload = Buffer.from(`u.${ids!.userId}.${ids!.communityId}`);
      const token = `${payload.toString('base64url')}.${createHmac('sha256', String(secret!.value)).update(payload).digest('base64url')}`;
      const modes = async () => (await t.query(`SELECT mode FROM mail_preferences WHERE community_id = ?`, ids!.communityId)).map((r) => r.mode);

      const page = await visitor('GET', `/mail/unsubscribe/${token}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Stop Kindling mail from Loop?');
      expect(await modes()).toEqual([]);
      const done = await t.fetch(`/mail/unsubscribe/${token}`, { method: 'POST', headers: form, body: 'List-Unsubscribe=One-Click', redirect: 'manual' });
      expect(done.status).toBe(200);
      expect(done.headers.get('Location')).toBeNull();
      expect(await done.text()).toContain('no more mail from Loop');
      expect(await modes()).toEqual(['off']);
      const preferences = await fran.call('GET', '/api/me/mail-preferences');
      // Only this community's mail stopped (a home that keeps the facilitators' circle lists it too, unchanged).
      const bySlug = new Map(preferences.json.communities.map((c: { slug: string; mode: string }) => [c.slug, c.mode]));
      expect(bySlug.get(slug)).toBe('off');
      for (const [other, mode] of bySlug) if (other !== slug) expect(mode).not.toBe('off');
    });
  });
}

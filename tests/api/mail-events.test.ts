/**
 * The provider's bounce and complaint webhook: signed calls suppress the address (kept only as a hash), and
 * delivery then skips it, marking the mail suppressed rather than sent or retried.
 */
import { createHash, createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mailSuppressions, outbox } from '../../db/schema';
import type { Mailer } from '../../src/deps';
import { queueMail } from '../../src/domain/mail/queue';
import { deliverOutbox } from '../../src/jobs/outbox';
import { makeTestApp, type TestApp } from '../helpers/app';

const SECRET = 'a-long-shared-webhook-secret';
let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp(undefined, { MAIL_WEBHOOK_SECRET: SECRET });
});
afterEach(() => t.close());

const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
function post(body: unknown, headers?: (raw: string) => Record<string, string>) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return t.call('POST', '/api/mail/events', { body: raw, headers: headers ? headers(raw) : { 'X-Kindling-Signature': sign(raw) } });
}
const hashOf = (email: string) => createHash('sha256').update(email).digest('hex');

describe('POST /api/mail/events', () => {
  it('suppresses a bounced address by its hash, and delivery marks its mail suppressed, never sent nor retried', async () => {
    const res = await post({ type: 'bounce', email: ' Bounced@Example.org' });
    expect(res).toMatchObject({ status: 200, json: { suppressed: 1 } });
    const rows = await t.db.select().from(mailSuppressions);
    expect(rows).toEqual([expect.objectContaining({ addressHash: hashOf('bounced@example.org'), reason: 'bounce' })]);
    expect(JSON.stringify(rows)).not.toContain('example.org');

    for (const to of ['bounced@example.org', 'fine@example.org']) {
      await queueMail(t.db, { to, subject: 'Today', text: 'x', kind: 'reminder' }, t.clock.now());
    }
    const sent: string[] = [];
    const mailer: Mailer = { async send(mail) { sent.push(mail.to); } };
    expect(await deliverOutbox(t.db, mailer, t.clock.now())).toBe(1);
    t.clock.advance(3_600_000);
    await deliverOutbox(t.db, mailer, t.clock.now());
    expect(sent).toEqual(['fine@example.org']);
    const bounced = (await t.db.select().from(outbox)).find((m) => m.to === 'bounced@example.org')!;
    expect(bounced).toMatchObject({ sentAt: null, attempts: 0, lastError: 'suppressed' });
    expect(bounced.givenUpAt).not.toBeNull();
    // A suppressed mail is not a transport failure: readiness counts it apart.
    expect((await t.call('GET', '/readyz')).json.outbox).toMatchObject({ oldestUnsentSeconds: null, givenUp: 0, suppressed: 1 });
  });

  it("takes Resend's events with Svix signatures, and ignores deliveries", async () => {
    const secret = `whsec_${Buffer.from('resend-signing-key-bytes').toString('base64')}`;
    t.close();
    t = await makeTestApp(undefined, { MAIL_WEBHOOK_SECRET: secret });
    const svix = (raw: string, at = t.clock.now()) => {
      const id = 'msg_2a';
      const ts = String(Math.floor(at.getTime() / 1000));
      const sig = createHmac('sha256', Buffer.from('resend-signing-key-bytes')).update(`${id}.${ts}.${raw}`).digest('base64');
      return { 'svix-id': id, 'svix-timestamp': ts, 'svix-signature': `v1,bm90IGl0 v1,${sig}` };
    };
    const complained = { type: 'email.complained', created_at: '2026-03-02T12:00:00Z', data: { email_id: 'e1', to: ['moaner@example.org'], subject: 'Today' } };
    expect(await post(complained, svix)).toMatchObject({ status: 200, json: { suppressed: 1 } });
    expect(await post({ type: 'email.delivered', data: { to: ['ok@example.org'] } }, svix)).toMatchObject({ status: 200, json: { suppressed: 0 } });
    expect(await post({ type: 'delivered', email: 'ok@example.org' }, svix)).toMatchObject({ status: 200, json: { suppressed: 0 } });
    expect(await t.db.select().from(mailSuppressions)).toEqual([expect.objectContaining({ addressHash: hashOf('moaner@example.org'), reason: 'complaint' })]);
    // A signature from ten minutes ago is refused: it could be a replay.
    const stale = await post(complained, (raw) => svix(raw, new Date(t.clock.now().getTime() - 10 * 60_000)));
    expect(stale.status).toBe(401);
  });

  it('refuses a missing or wrong signature (401) and a bad body (400), with the error envelope', async () => {
    const body = { type: 'bounce', email: 'x@example.org' };
    const unsigned = await post(body, () => ({}));
    expect(unsigned).toMatchObject({ status: 401, json: { error: { code: 'unauthenticated' } } });
    const wrong = await post(body, (raw) => ({ 'X-Kindling-Signature': sign(raw, 'another-secret-of-some-length') }));
    expect(wrong.status).toBe(401);
    // Signed over other bytes than those sent.
    const tampered = await post(body, () => ({ 'X-Kindling-Signature': sign(JSON.stringify({ ...body, email: 'y@example.org' })) }));
    expect(tampered.status).toBe(401);

    const notJson = await post('{"type":');
    expect(notJson).toMatchObject({ status: 400, json: { error: { code: 'invalid_json' } } });
    const badType = await post({ type: 'opened', email: 'x@example.org' });
    expect(badType.status).toBe(400);
    expect(badType.json.error.code).toBe('invalid_input');
    expect(badType.json.error.issues.length).toBeGreaterThan(0);
    expect(await t.db.select().from(mailSuppressions)).toEqual([]);
  });

  it('does not exist without MAIL_WEBHOOK_SECRET', async () => {
    t.close();
    t = await makeTestApp();
    const raw = JSON.stringify({ type: 'bounce', email: 'x@example.org' });
    const res = await t.call('POST', '/api/mail/events', { body: raw, headers: { 'X-Kindling-Signature': sign(raw) } });
    expect(res).toMatchObject({ status: 404, json: { error: { code: 'not_found' } } });
  });
});

/**
 * Answer by replying (issue 11): a daily email about one prompt carries a signed Reply-To; the provider's
 * inbound webhook posts the reply, and it becomes the member's facilitators-only answer, once.
 */
import { createHmac } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { outbox, pointsLedger, submissions } from '../../db/schema';
import { storedHeaders } from '../../src/domain/mail/queue';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';

const SECRET = 'a-long-shared-webhook-secret';
const REPLY = 'reply@in.kindling.example';
let t: TestApp;
afterEach(() => t.close());

const runTick = () => tick(t.db, t.clock.now(), undefined, { publicUrl: 'https://kindling.example', replyAddress: t.config.mailReplyAddress });
const sign = (raw: string) => `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`;
function inbound(body: unknown, signature?: string) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return t.call('POST', '/api/mail/inbound', { body: raw, headers: { 'X-Kindling-Signature': signature ?? sign(raw) } });
}
const answers = () => t.db.select().from(submissions);

/** Mo on daily mail at 07:00 in a UTC community whose series starts today; returns Mo's daily email. */
async function dailyMail(env: Record<string, string> = { MAIL_WEBHOOK_SECRET: SECRET, MAIL_REPLY_ADDRESS: REPLY }) {
  t = await makeTestApp('2026-03-02T06:00:00Z', env);
  const fran = await t.userToken('fran@example.org', 'Fran');
  const mo = await t.userToken('mo@example.org', 'Mo');
  await createCommunity(t, fran.token, { slug: 'sketchers', name: 'Sketchers' });
  const series = await createSeries(t, fran.token, 'sketchers', {
    startDate: '2026-03-02',
    prompts: Array.from({ length: 3 }, (_, i) => ({ easy: `Easy ${i + 1}`, hard: `Hard ${i + 1}` })),
  });
  await join(t, mo.token, 'sketchers');
  await t.call('PATCH', '/api/me/mail-preferences', { token: mo.token, body: { communities: [{ slug: 'sketchers', mode: 'daily', hour: 7 }] } });
  await runTick();
  t.clock.set('2026-03-02T07:00:00Z');
  await runTick();
  const [mail] = await t.db.select().from(outbox).where(inArray(outbox.kind, ['reminder']));
  return { fran, mo, series, mail: mail! };
}

const replyTo = (mail: { headers: string | null }) => storedHeaders(mail.headers)['Reply-To']!;
const reply = (to: string, text: string, from = 'Mo Ali <Mo@Example.org>') => ({ from, to: [`Kindling <${to}>`], text });

describe('answering by replying to the daily email', () => {

  it('gives the daily email a signed Reply-To and says what a reply does', async () => {
    const { mail } = await dailyMail();
    expect(replyTo(mail)).toMatch(/^reply\+r-[0-9a-z]+-[0-9a-z]+-[0-9a-z]+-[0-9a-f]{24}@in\.kindling\.example$/);
    expect(replyTo(mail).split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(mail.text).toContain('Or simply reply to this email');
    expect(mail.html).toContain('Only the facilitators see it');
  });

  it("turns a reply into the member's facilitators-only answer, quote and signature cut, and a retry never counts twice", async () => {
    const { mail, series, mo } = await dailyMail();
    const text = 'A mug and far too many pens.\n\n-- \nMo\n\nOn Mon, 2 Mar 2026 at 07:00, Kindling wrote:\n> Easy: Easy 1';
    const res = await inbound(reply(replyTo(mail), text));
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ level: 'easy', community: 'sketchers' });
    const [answer] = await answers();
    expect(answer).toMatchObject({ promptId: series.prompts[0]!.id, userId: mo.userId, level: 'easy', body: 'A mug and far too many pens.', visibility: 'facilitators', anonymous: false });
    expect(await t.db.select().from(pointsLedger).where(eq(pointsLedger.userId, mo.userId))).toHaveLength(1);

    const retry = await inbound(reply(replyTo(mail), text));
    expect(retry.status).toBe(409);
    expect(retry.json.error.code).toBe('already_answered');
    expect(await answers()).toHaveLength(1);
    expect(await t.db.select().from(pointsLedger).where(eq(pointsLedger.userId, mo.userId))).toHaveLength(1);

    const hard = await inbound(reply(replyTo(mail), 'hard: from memory, eyes closed'));
    expect(hard.status).toBe(201);
    expect((await answers()).map((a) => a.level).sort()).toEqual(['easy', 'hard']);
  });

  it('refuses a reply from another address (422), a forged or expired token (404) and an empty reply (400), writing nothing', async () => {
    const { mail } = await dailyMail();
    const other = await inbound(reply(replyTo(mail), 'Forwarded, answered by someone else', 'pat@example.org'));
    expect(other.status).toBe(422);
    expect(other.json.error).toMatchObject({ code: 'reply_not_from_member', issues: [{ path: 'from' }] });

    const address = replyTo(mail);
    // The signature's last hex digit changed.
    const forged = address.replace(/([0-9a-f])@/, (_, digit: string) => `${digit === '0' ? '1' : '0'}@`);
    expect(forged).not.toBe(address);
    expect((await inbound(reply(forged, 'Hello'))).status).toBe(404);
    expect((await inbound(reply('reply@in.kindling.example', 'Hello'))).status).toBe(404);
    expect((await inbound(reply(address.replace('in.kindling.example', 'elsewhere.example'), 'Hello'))).status).toBe(404);

    const empty = await inbound(reply(address, '\nSent from my iPhone\n\nOn Mon, 2 Mar 2026, Kindling wrote:\n> Easy 1'));
    expect(empty.status).toBe(400);
    expect(empty.json.error.issues).toEqual([{ path: 'text', message: expect.stringContaining('nothing is left') }]);
    const long = await inbound(reply(address, 'x'.repeat(501)));
    expect(long.status).toBe(400);
    expect(long.json.error.issues[0].path).toBe('text');

    // The link lives until the prompt's day ends (midnight UTC here).
    t.clock.set('2026-03-03T00:00:00Z');
    expect((await inbound(reply(address, 'Late but here'))).status).toBe(404);
    expect(await answers()).toEqual([]);
  });

  it('refuses an unsigned call (401) and bad bodies (400)', async () => {
    const { mail } = await dailyMail();
    expect((await inbound(reply(replyTo(mail), 'Hi'), 'sha256=00')).status).toBe(401);
    expect((await inbound('{"from": ')).json.error.code).toBe('invalid_json');
    const bad = await inbound({ from: 'mo@example.org', to: [], text: 'Hi' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe('to');
    expect(await answers()).toEqual([]);
  });

  it('is off without MAIL_REPLY_ADDRESS: no Reply-To, and the route is a 404', async () => {
    const { mail } = await dailyMail({ MAIL_WEBHOOK_SECRET: SECRET });
    expect(storedHeaders(mail.headers)['Reply-To']).toBeUndefined();
    expect(mail.text).not.toContain('reply to this email');
    expect((await inbound(reply('reply+r-1-1-1-000000000000000000000000@in.kindling.example', 'Hi'))).status).toBe(404);
  });
});

/**
 * Chat webhooks: facilitators add Slack, Teams and Discord URLs (https on public hosts only, in production);
 * opening a prompt queues one post per webhook, sent by the delivery job to a real local HTTP server; a
 * webhook that keeps failing is switched off and the facilitators are told.
 */
import { createServer, type Server } from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { chatPosts, chatWebhooks, outbox } from '../../db/schema';
import { CHAT_WEBHOOK_MAX_FAILURES, deliverChatPosts } from '../../src/jobs/chat-posts';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';

let server: Server;
let base: string;
let received: { path: string; body: any }[] = [];
let failing = new Set<string>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (d) => (data += d));
    req.on('end', () => {
      received.push({ path: req.url!, body: JSON.parse(data) });
      res.writeHead(failing.has(req.url!) ? 500 : 200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let t: TestApp;
afterEach(() => {
  received = [];
  failing = new Set();
  vi.restoreAllMocks();
  t.close();
});

const PUBLIC_URL = 'https://k.example';
async function setUp(env: Record<string, string> = { CHAT_WEBHOOKS_ALLOW_LOOPBACK: 'on' }) {
  t = await makeTestApp('2026-03-02T12:00:00Z', env);
  const fran = await t.userToken('fran@example.org', 'Fran');
  const mo = await t.userToken('mo@example.org', 'Mo');
  const community = await createCommunity(t, fran.token);
  await join(t, mo.token, community.slug);
  const add = (url: string, format = 'slack', token = fran.token) =>
    t.call('POST', `/api/communities/${community.slug}/webhooks`, { token, body: { url, format } });
  return { fran, mo, community, add };
}
const runTick = () => tick(t.db, t.clock.now(), undefined, { publicUrl: PUBLIC_URL });
const deliver = () => deliverChatPosts(t.db, t.clock.now(), { random: () => 0, publicUrl: PUBLIC_URL });

describe('adding a webhook', () => {
  it('takes only https URLs on public host names in production, and shows them back masked', async () => {
    const { add, mo, community } = await setUp({});
    for (const url of [
      `${base}/hook`,
      'http://hooks.slack.com/services/T/B/x',
      'https://127.0.0.1/hook',
      'https://2130706433/hook',
      'https://[::1]/hook',
      'https://10.0.0.8/hook',
      'https://localhost/hook',
      'https://metadata.internal/hook',
      'https://intranet/hook',
      'https://hooks.slack.com:8443/services/T/B/x',
      'https://user:pw@hooks.slack.com/services/T/B/x',
      'not a url',
    ]) {
      const res = await add(url);
      expect(res.status, url).toBe(400);
      expect(res.json.error.issues[0].path).toBe('url');
    }
    expect((await add('https://discord.com/api/webhooks/1/abc', 'irc')).status).toBe(400);

    const ok = await add('https://hooks.slack.com/services/T000/B000/SECRETxyz', 'slack');
    expect(ok).toMatchObject({ status: 201, json: { format: 'slack', active: true, url: 'https://hooks.slack.com/…Txyz' } });
    expect(ok.text).not.toContain('SECRET');
    // Members are not facilitators; the list never gives the URL back either.
    expect((await add('https://hooks.slack.com/services/T/B/y', 'slack', mo.token)).status).toBe(403);
    const list = await t.call('GET', `/api/communities/${community.slug}/webhooks`, { token: mo.token });
    expect(list.status).toBe(403);
  });

  it('allows loopback http only under CHAT_WEBHOOKS_ALLOW_LOOPBACK, never other private hosts; caps webhooks per community; hides private communities', async () => {
    const { add, fran } = await setUp();
    expect((await add('http://10.0.0.8/hook')).status).toBe(400);
    expect((await add('http://192.168.1.1/hook')).status).toBe(400);
    for (let i = 0; i < 5; i++) expect((await add(`${base}/hook${i}`)).status).toBe(201);
    expect(await add(`${base}/hook6`)).toMatchObject({ status: 409, json: { error: { code: 'webhook_limit' } } });
    // Storing a URL never calls it.
    expect(received).toEqual([]);

    const secret = await createCommunity(t, fran.token, { slug: 'secret', visibility: 'private' });
    const outsider = await t.userToken('out@example.org');
    const res = await t.call('POST', `/api/communities/${secret.slug}/webhooks`, { token: outsider.token, body: { url: `${base}/x`, format: 'slack' } });
    expect(res).toMatchObject({ status: 404, json: { error: { code: 'not_found' } } });
  });
});

describe('posting opened prompts', () => {
  it('queues one post per webhook when the tick opens a prompt, in each format, with a link to answer', async () => {
    const { add, fran, community } = await setUp();
    expect((await add(`${base}/slack`, 'slack')).status).toBe(201);
    expect((await add(`${base}/discord`, 'discord')).status).toBe(201);
    expect((await add(`${base}/teams`, 'teams')).status).toBe(201);
    const removed = await add(`${base}/gone`, 'slack');
    expect((await t.call('DELETE', `/api/communities/${community.slug}/webhooks/${removed.json.id}`, { token: fran.token })).status).toBe(200);
    await createSeries(t, fran.token, community.slug, {
      startDate: '2026-03-03',
      prompts: [{ easy: 'Draw a cup @everyone', hard: 'Draw a cup in <two-point> perspective' }],
    });
    expect(await runTick()).not.toHaveProperty('chatPosts');

    t.clock.set('2026-03-03T00:00:30Z');
    expect(await runTick()).toMatchObject({ opened: 1, chatPosts: 3 });
    await runTick();
    expect(await t.db.select().from(chatPosts)).toHaveLength(3);
    expect(await deliver()).toBe(3);
    expect(await deliver()).toBe(0);

    const by = Object.fromEntries(received.map((r) => [r.path, r.body]));
    expect(Object.keys(by).sort()).toEqual(['/discord', '/slack', '/teams']);
    const link = `${PUBLIC_URL}/c/${community.slug}/today`;
    expect(by['/slack'].text).toContain('Easy: Draw a cup @everyone');
    expect(by['/slack'].text).toContain('Hard: Draw a cup in &lt;two-point&gt; perspective');
    expect(by['/slack'].text).toContain(`<${link}|`);
    expect(by['/discord']).toMatchObject({ allowed_mentions: { parse: [] } });
    expect(by['/discord'].content).toContain(`<${link}>`);
    expect(by['/discord'].content).toContain('Draw a cup in <two-point> perspective');
    expect(by['/teams']).toMatchObject({ '@type': 'MessageCard', potentialAction: [{ '@type': 'OpenUri', targets: [{ uri: link }] }] });
    expect(by['/teams'].text).toContain('Draw a cup @everyone');
  });

  it('retries with backoff, then switches a failing webhook off and tells the facilitators in the app and by mail', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { add, fran, community } = await setUp();
    const broken = await add(`${base}/broken`, 'slack');
    failing.add('/broken');
    // A series that starts today opens its first prompt at once; the next tick announces it.
    await createSeries(t, fran.token, community.slug, { startDate: '2026-03-02' });
    expect(await runTick()).toMatchObject({ opened: 0, chatPosts: 1 });
    await deliver();
    // Not again before the backoff has passed.
    await deliver();
    expect(received).toHaveLength(1);
    const [post] = await t.db.select().from(chatPosts);
    expect(post).toMatchObject({ attempts: 1, lastError: 'http 500', nextAttemptAt: t.clock.now().getTime() + 60_000 });

    // A success in between starts the count again.
    failing.delete('/broken');
    t.clock.advance(60_000);
    expect(await deliver()).toBe(1);
    expect((await t.db.select().from(chatWebhooks))[0]).toMatchObject({ consecutiveFailures: 0, lastError: null });
    failing.add('/broken');
    t.clock.set('2026-03-03T12:00:00Z');
    expect(await runTick()).toMatchObject({ opened: 1, chatPosts: 1 });
    received = [];

    for (let i = 0; i < 15; i++) {
      await deliver();
      t.clock.advance(3_600_000);
    }
    expect(received).toHaveLength(CHAT_WEBHOOK_MAX_FAILURES);
    const [hook] = await t.db.select().from(chatWebhooks).where(eq(chatWebhooks.id, broken.json.id));
    expect(hook!.disabledAt).not.toBeNull();
    const list = await t.call('GET', `/api/communities/${community.slug}/webhooks`, { token: fran.token });
    expect(list.json.items[0]).toMatchObject({ active: false, lastError: 'http 500', consecutiveFailures: CHAT_WEBHOOK_MAX_FAILURES });

    const news = await t.call('GET', '/api/me/notifications', { token: fran.token });
    expect(news.json.items).toEqual([expect.objectContaining({ kind: 'chat_webhook_off', community: { slug: community.slug, name: 'Sketchers' } })]);
    const profile = await t.app.request('/me', { headers: { Authorization: `Bearer ${fran.token}`, 'Accept-Language': 'en' } });
    const html = await profile.text();
    expect(html).toContain('A chat webhook of Sketchers kept failing and was switched off.');
    expect(html).toContain(`href="/c/${community.slug}/webhooks"`);
    const mails = await t.db.select().from(outbox).where(eq(outbox.to, 'fran@example.org'));
    expect(mails).toEqual([expect.objectContaining({ kind: 'notice' })]);
    expect(mails[0]!.text).toContain(`${PUBLIC_URL}/c/${community.slug}/webhooks`);
    expect(mails[0]!.text).not.toContain('/broken');
    // Nobody else was told.
    expect(await t.db.select().from(outbox).where(eq(outbox.to, 'mo@example.org'))).toEqual([]);

    // The next prompt is not queued for a webhook that is off.
    t.clock.set('2026-03-04T12:00:00Z');
    expect((await runTick()).opened).toBe(1);
    expect(await t.db.select().from(chatPosts)).toHaveLength(2);
    expect(errors.mock.calls.flat().join('\n')).not.toContain('/broken');
  });
});

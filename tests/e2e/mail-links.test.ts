/**
 * Issue 11's mailed links in Chromium, signed out: the answer link opens the prompt ready to answer and posts
 * it; the unsubscribe link's page asks first, then stops the mail. Both pages pass the accessibility check
 * and hydrate under the strict CSP without errors.
 */
import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailPreferences, submissions, users } from '../../db/schema';
import { mailSigner } from '../../src/domain/reach/mail-tokens';
import { browserAvailable, expectAccessible, launchBrowser, publicCommunityWithPromptToday, startKindling, type RunningKindling } from './support';

const run = browserAvailable();
let k: RunningKindling;
let browser: Browser;

beforeAll(async () => {
  if (!run) return;
  k = await startKindling();
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await k?.stop();
});

describe.runIf(run)('mailed links in the browser', () => {
  it('answers today’s prompt from the answer link, then stops the mail from the unsubscribe link', async () => {
    const fran = await k.tokenFor('fran@example.org', 'Fran');
    const promptId = await publicCommunityWithPromptToday(k, fran, { slug: 'mailers', name: 'Mailers' }, { title: 'Warm-ups', easy: 'Name a tool', hard: 'Explain a tool' });
    const mo = await k.tokenFor('mo@example.org', 'Mo');
    expect((await k.api('POST', '/api/communities/mailers/join', mo, {})).status).toBe(200);
    const [member] = await k.db.select().from(users).where(eq(users.email, 'mo@example.org'));
    const now = new Date();
    const signer = await mailSigner(k.db, now);
    const answer = await signer.sign({ purpose: 'answer', userId: member!.id, promptId, expiresAt: now.getTime() + 3_600_000 });
    const unsubscribe = await signer.sign({ purpose: 'unsubscribe', userId: member!.id, communityIds: [(await k.api('GET', '/api/communities/mailers', fran)).json.id] });

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${k.base}/mail/answer/${answer}`);
    await expect.poll(() => page.getByText('Answering as Mo in Mailers.').count()).toBe(1);
    await expectAccessible(page);
    await page.getByLabel('Hard').check();
    await page.getByLabel('Your answer (500 characters at most)').fill('A pencil: it forgives');
    await page.getByRole('button', { name: 'Post my answer' }).click();
    await expect.poll(() => page.getByText('Thank you: your answer is posted.').count()).toBe(1);
    const rows = await k.db.select().from(submissions).where(and(eq(submissions.userId, member!.id), eq(submissions.promptId, promptId)));
    expect(rows.map((r) => [r.level, r.body])).toEqual([['hard', 'A pencil: it forgives']]);

    await page.goto(`${k.base}/mail/unsubscribe/${unsubscribe}`);
    await expectAccessible(page);
    expect(await k.db.select().from(mailPreferences)).toEqual([]);
    await page.getByRole('button', { name: 'Stop these mails' }).click();
    await expect.poll(() => page.getByText('Done: no more mail from Mailers.', { exact: false }).count()).toBe(1);
    expect((await k.db.select().from(mailPreferences)).map((p) => p.mode)).toEqual(['off']);
    expect(errors).toEqual([]);
  }, 120_000);
});

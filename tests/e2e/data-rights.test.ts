/**
 * Data rights in Chromium: a member downloads their data from the profile page (a real download of a zip
 * holding their anonymous answer), then deletes their account through the confirm form; no CSP violation, no
 * page error, and no serious accessibility issue on the pages on the way.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, launchBrowser, publicCommunityWithPromptToday, signInThroughEmail, startKindling, type RunningKindling } from './support';

const SLUG = 'data-rights';

describe.runIf(browserAvailable())('download my data, then delete my account', { timeout: 120_000 }, () => {
  let k: RunningKindling;
  let browser: Browser;
  let promptId: number;

  beforeAll(async () => {
    [k, browser] = await Promise.all([startKindling(), launchBrowser()]);
    const robin = await k.tokenFor('robin@example.org', 'Robin');
    promptId = await publicCommunityWithPromptToday(k, robin, { slug: SLUG, name: 'Data rights' }, { title: 'Warm-ups', easy: 'Draw a cup.', hard: 'Draw a cup and its shadow.' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await k?.stop();
  });

  it('works from the profile page without a hitch', async () => {
    const context = await browser.newContext({ locale: 'en-US', acceptDownloads: true });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) problems.push(m.text());
    });

    await signInThroughEmail(k, page, 'sam@example.org', 'Sam');
    const sam = await k.tokenFor('sam@example.org', 'Sam');
    const answered = await k.api('POST', `/api/prompts/${promptId}/submissions`, sam, { level: 'hard', body: 'A quiet shadow', visibility: 'public', anonymous: true });
    expect(answered.status).toBe(201);

    await page.goto(`${k.base}/me`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my data' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^kindling-export-\d{4}-\d\d-\d\d\.zip$/);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const data = JSON.parse(strFromU8(files['kindling-export.json']!));
    expect(data.answers.map((a: { body: string; anonymous: boolean }) => [a.body, a.anonymous])).toEqual([['A quiet shadow', true]]);

    await page.getByRole('link', { name: 'Delete my account' }).click();
    await page.waitForURL(`${k.base}/me/delete`);
    await expectAccessible(page);
    await page.getByLabel(/To confirm/).fill('not sure');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel(/To confirm/).fill('delete my account');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.waitForURL(/\/me\/deleted\?/);
    await page.getByRole('heading', { name: 'Your account is deleted' }).waitFor();
    expect(await page.getByText('1 anonymous answer kept, linked to no one').count()).toBe(1);
    await expectAccessible(page);

    // Signed out: the profile sends the browser to sign in; the answer is still in the gallery, nameless.
    await page.goto(`${k.base}/me`);
    await page.waitForURL(`${k.base}/sign-in`);
    const gallery = await fetch(`${k.base}/api/prompts/${promptId}/gallery`).then((r) => r.json());
    expect(gallery.items.map((i: { body: string; author?: unknown }) => [i.body, i.author ?? null])).toEqual([['A quiet shadow', null]]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

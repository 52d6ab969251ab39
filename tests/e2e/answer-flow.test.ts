/** The journeys in a real browser: sign in by email link, join, answer with a sketch, encourage, rank. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, browserAvailable, expectAccessible, launchBrowser, signInThroughEmail, startKindling, type RunningKindling } from './support';

const PHONE = { width: 390, height: 844 };
const SLUG = 'night-nurses';

describe.runIf(browserAvailable())('answering in a browser', { timeout: 90_000 }, () => {
  let k: RunningKindling;
  let browser: Browser;
  let promptId: number;

  beforeAll(async () => {
    [k, browser] = await Promise.all([startKindling(), launchBrowser()]);
    mkdirSync(artifactsDir, { recursive: true });
    const fran = await k.tokenFor('fran@example.org', 'Fran');
    expect((await k.api('POST', '/api/communities', fran, { slug: SLUG, name: 'Night nurses', timeZone: 'UTC', visibility: 'public' })).status).toBe(201);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const series = await k.api('POST', `/api/communities/${SLUG}/series`, fran, {
      title: 'Handover habits',
      startDate: yesterday,
      cadence: 'daily',
      prompts: [
        { easy: 'Name one thing that makes a handover calm', hard: 'Describe a handover that went wrong and what you changed' },
        { easy: 'Sketch your ideal handover sheet', hard: 'Sketch it and explain each section' },
      ],
    });
    expect(series.status).toBe(201);
    promptId = series.json.prompts[1].id;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await k?.stop();
  });

  async function newPhone(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: PHONE, hasTouch: true, locale: 'en-US' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { context, page, errors };
  }

  const signIn = (page: Page, email: string, name: string) => signInThroughEmail(k, page, email, name);


  it('a newcomer signs in by link, joins, answers the easy prompt with text and a sketch, and finds it in the gallery', async () => {
    const { context, page, errors } = await newPhone();
    await signIn(page, 'ana@example.org', 'Ana');
    await page.goto(`${k.base}/c/${SLUG}/join`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.waitForURL(`${k.base}/c/${SLUG}?joined=1`);

    await page.goto(`${k.base}/c/${SLUG}`);
    await expectAccessible(page);
    await page.screenshot({ path: join(artifactsDir, 'today-390x844.png'), fullPage: true });
    // A sketch prompt: the pad is open first, the words are optional.
    await page.getByRole('textbox', { name: 'A few words (optional)' }).fill('A sheet with the three things that changed since the last shift.');
    const pad = page.getByRole('img', { name: 'Sketch pad' }).or(page.getByLabel('Sketch pad')).first();
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + 90, { steps: 8 });
    await page.mouse.up();
    await page.getByText('1 stroke drawn').waitFor();
    await page.getByRole('button', { name: 'Post my answer' }).click();
    await page.getByText(/Posted/).waitFor();

    await page.goto(`${k.base}/c/${SLUG}/p/${promptId}`);
    await page.getByText('A sheet with the three things').waitFor();
    expect(await page.locator('main img').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.screenshot({ path: join(artifactsDir, 'gallery-390x844.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a second member encourages it, posts anonymously, and the page never names the anonymous author', async () => {
    const { context, page, errors } = await newPhone();
    await signIn(page, 'bo@example.org', 'Bo Secret');
    await page.goto(`${k.base}/c/${SLUG}/join`);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.waitForURL(`${k.base}/c/${SLUG}?joined=1`);

    await page.goto(`${k.base}/c/${SLUG}/p/${promptId}`);
    const applause = page.getByRole('button', { name: /Applause/ }).first();
    await applause.click();
    await expect.poll(() => applause.getAttribute('aria-pressed')).toBe('true');

    await page.goto(`${k.base}/c/${SLUG}?prompt=${promptId}`);
    await page.getByRole('textbox', { name: 'A few words (optional)' }).fill('Mine is just a sticky note, honestly.');
    await page.locator('.posting-as summary').click(); // "Posting to … as … · change" opens the choices
    await page.getByLabel('Post anonymously').check();
    expect(await page.locator('#posting-as-line').textContent()).toBe('Posting to Night nurses anonymously');
    await page.getByRole('button', { name: 'Post my answer' }).click();
    await page.getByText(/Posted/).waitFor();

    // Seen by Ana, another member: the answer is there, its author is not, in the page or its embedded data.
    const ana = await browser.newContext({ viewport: PHONE });
    const anaPage = await ana.newPage();
    await signIn(anaPage, 'ana@example.org', 'Ana');
    const res = await anaPage.goto(`${k.base}/c/${SLUG}/p/${promptId}`);
    const html = await res!.text();
    expect(html).toContain('Mine is just a sticky note');
    expect(html).toContain('A member');
    expect(html).not.toContain('Bo Secret');
    expect(html).not.toContain('bo@example.org');
    expect(await anaPage.content()).not.toContain('Bo Secret');
    expect(errors).toEqual([]);
    await ana.close();
    await context.close();
  });

  it('the leaderboard shows the points', async () => {
    const { context, page } = await newPhone();
    await page.goto(`${k.base}/c/${SLUG}/leaderboard?period=all`);
    const row = page.getByRole('row', { name: /Ana/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('2');
    expect(await page.content()).not.toContain('Bo Secret');
    await expectAccessible(page);
    await context.close();
  });

  it('the whole answer flow works with the keyboard alone', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, 'cy@example.org', 'Cy');
    await page.goto(`${k.base}/c/${SLUG}/join`);
    await page.getByRole('button', { name: 'Join' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${k.base}/c/${SLUG}?joined=1`);

    await page.goto(`${k.base}/c/${SLUG}?prompt=${promptId}`);
    // Tab from the top of the page until the answer box has focus: it must be reachable in order.
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.tagName === 'TEXTAREA');
    }
    expect(reached).toBe(true);
    await page.keyboard.type('Typed without a mouse.');
    let submitted = false;
    for (let i = 0; i < 40 && !submitted; i++) {
      await page.keyboard.press('Tab');
      const label = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent ?? '');
      if (label.includes('Post my answer')) {
        await page.keyboard.press('Enter');
        submitted = true;
      }
    }
    expect(submitted).toBe(true);
    await page.getByText(/Posted/).waitFor();
    await context.close();
  });

  it('signs in and shows the gallery content with JavaScript turned off', async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${k.base}/c/${SLUG}/p/${promptId}`);
    expect(await page.getByText('A sheet with the three things').count()).toBe(0); // community-only: not for visitors
    await signIn(page, 'ana@example.org', 'Ana');
    await page.goto(`${k.base}/c/${SLUG}/p/${promptId}`);
    expect(await page.getByText('A sheet with the three things').isVisible()).toBe(true);
    expect(await page.getByText('Mine is just a sticky note').isVisible()).toBe(true);
    await page.goto(`${k.base}/c/${SLUG}`);
    expect(await page.getByText('Sketch your ideal handover sheet').first().isVisible()).toBe(true);
    await context.close();
  });
});

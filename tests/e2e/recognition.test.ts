/**
 * Recognition in a real browser: a member answers anonymously, sees their badge and confidence ladder on
 * their profile, opens the answer's permalink (share text for the main space), and claims the answer with
 * one click, after which the gallery shows their name; a facilitator spotlights it from the spotlight queue,
 * reached through the facilitator menu. axe checks the profile, the permalink, today and the queue.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, launchBrowser, publicCommunityWithPromptToday, signInThroughEmail, startKindling, type RunningKindling } from './support';

const SLUG = 'ward-educators';

describe.runIf(browserAvailable())('recognition in a browser', { timeout: 90_000 }, () => {
  let k: RunningKindling;
  let browser: Browser;
  let promptId: number;

  beforeAll(async () => {
    [k, browser] = await Promise.all([startKindling(), launchBrowser()]);
    const fran = await k.tokenFor('fran@example.org', 'Fran');
    promptId = await publicCommunityWithPromptToday(k, fran, { slug: SLUG, name: 'Ward educators' }, {
      title: 'Teaching moments',
      easy: 'Name one thing a student taught you',
      hard: 'Describe how it changed your teaching',
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await k?.stop();
  });

  const signIn = (page: Page, email: string, name: string) => signInThroughEmail(k, page, email, name);


  it('a member answers anonymously, sees their badge and ladder, and claims the answer in one click', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, locale: 'en-US' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await signIn(page, 'rosa@example.org', 'Rosa Lind');
    await page.goto(`${k.base}/c/${SLUG}/join`);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.waitForURL(`${k.base}/c/${SLUG}?joined=1`);
    await page.getByRole('textbox', { name: 'Your answer' }).fill('A student showed me how to slow down the handover.');
    await page.locator('.posting-as summary').click(); // "Posting to … as … · change" opens the choices
    await page.getByLabel('Post anonymously').check();
    await page.getByRole('button', { name: 'Post my answer' }).click();
    await page.getByText(/Posted/).waitFor();

    // The profile: a badge, the ladder (practising privately is not a step this answer took), the answer.
    // Badges are settled just after the answer's response; on a busy machine the first look can still say
    // "pending", so look again as the member would, for up to 10 s.
    for (const deadline = Date.now() + 10_000; ; await page.waitForTimeout(250)) {
      await page.goto(`${k.base}/me`);
      if ((await page.getByText('First answer').count()) > 0 || Date.now() > deadline) break;
    }
    await page.getByText('First answer').first().waitFor();
    const current = page.locator('.ladder-steps li[aria-current="step"]');
    expect(await current.textContent()).toContain('Sharing with the community');
    expect(await page.getByText('posted anonymously').count()).toBe(1);
    await expectAccessible(page);

    // The gallery shows no name yet.
    await page.goto(`${k.base}/c/${SLUG}/p/${promptId}`);
    await page.getByText('A student showed me').waitFor();
    expect(await page.locator('.answer-by').first().textContent()).toBe('A member');
    const permalink = await page.getByRole('link', { name: 'Link to this answer' }).first().getAttribute('href');

    // The permalink: the share text for the main space, then one click to put a name on it.
    await page.goto(`${k.base}${permalink}`);
    const shareText = await page.getByLabel('Plain text').inputValue();
    expect(shareText).toContain('Name one thing a student taught you');
    expect(shareText).toContain(`${k.base}${permalink}`);
    await page.getByRole('button', { name: 'Copy the plain text' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Show my name on it' }).click();
    await page.getByText('Your name is on this answer now.').waitFor();
    // Saved through the API, in place: no page load.
    expect(page.url()).toBe(`${k.base}${permalink}`);
    expect(await page.getByRole('button', { name: 'Show my name on it' }).count()).toBe(0);
    expect(await page.locator('.answer-by').first().textContent()).toBe('Rosa Lind');

    await page.goto(`${k.base}/c/${SLUG}/p/${promptId}`);
    expect(await page.locator('.answer-by').first().textContent()).toBe('Rosa Lind');
    // Another member sees the name too.
    const other = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const otherPage = await other.newPage();
    await signIn(otherPage, 'sam@example.org', 'Sam');
    await otherPage.goto(`${k.base}/c/${SLUG}/join`);
    await otherPage.getByRole('button', { name: 'Join' }).click();
    await otherPage.waitForURL(`${k.base}/c/${SLUG}?joined=1`);
    await otherPage.goto(`${k.base}/c/${SLUG}/p/${promptId}`);
    expect(await otherPage.locator('.answer-by').first().textContent()).toBe('Rosa Lind');
    await other.close();

    expect(errors).toEqual([]);
    await context.close();
  });

  it('a facilitator reaches the spotlight queue from the today page and spotlights the answer with a note', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, 'fran@example.org', 'Fran');
    await page.goto(`${k.base}/c/${SLUG}`);
    const menu = page.getByRole('navigation', { name: 'Facilitator tools' });
    expect(await menu.getByRole('link', { name: 'New series' }).getAttribute('href')).toBe(`/c/${SLUG}/series/new`);
    await expectAccessible(page);
    await menu.getByRole('link', { name: 'Spotlight queue' }).click();
    await page.waitForURL(`${k.base}/c/${SLUG}/spotlights`);
    await expectAccessible(page);
    await page.getByLabel('Note for Rosa Lind (optional)').fill('A lovely story');
    await page.getByRole('button', { name: 'Spotlight this answer' }).first().click();
    await page.getByText('Spotlighted. The member has been told.').waitFor();
    await expectAccessible(page);
    await page.goto(`${k.base}/c/${SLUG}/p/${promptId}`);
    await page.getByText('A lovely story').waitFor();
    await context.close();
  });
});

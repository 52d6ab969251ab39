/**
 * Issue 18's measure of the answer path, on a 390×844 phone: from the today page as a visitor to a posted
 * sketch-only hard answer, counting interactions (clicks and key presses; typing, drawing and opening the
 * mailed link are not counted), with sign-in through the mailed link landing back on the prompt.
 * Screenshots of each step go to tests/artifacts/answer-path/after-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships, outbox, submissions, users } from '../../db/schema';
import { artifactsDir, browserAvailable, expectAccessible, launchBrowser, publicCommunityWithPromptToday, startKindling, type RunningKindling } from './support';

const PHONE = { width: 390, height: 844 };
const SLUG = 'kindling-demo';
const HARD = 'Draw the view from where you sit, and show where the light comes from.';
const shots = join(artifactsDir, 'answer-path');

/** Counts what the member does by hand: every click and every key press outside typing. */
function counted(page: Page) {
  let n = 0;
  return {
    get count() {
      return n;
    },
    click: async (target: Locator) => (n++, target.click()),
    press: async (target: Locator, key: string) => (n++, target.press(key)),
  };
}

/** Height from the top of the answer form to the bottom of its "Post my answer" button. */
const formHeight = (page: Page) =>
  page.evaluate(() => {
    const form = document.querySelector('#answer form')!.getBoundingClientRect();
    const post = [...document.querySelectorAll('#answer button')].find((b) => b.textContent === 'Post my answer')!;
    return post.getBoundingClientRect().bottom - form.top;
  });

async function draw(page: Page) {
  const box = (await page.getByRole('img', { name: 'Sketch pad' }).boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 30);
  await page.mouse.down();
  await page.mouse.move(box.x + 200, box.y + 120, { steps: 10 });
  await page.mouse.move(box.x + 80, box.y + 200, { steps: 10 });
  await page.mouse.up();
}

describe.runIf(browserAvailable())('the answer path on a phone', { timeout: 120_000 }, () => {
  let k: RunningKindling;
  let browser: Browser;
  let promptId: number;

  beforeAll(async () => {
    [k, browser] = await Promise.all([startKindling(), launchBrowser()]);
    mkdirSync(shots, { recursive: true });
    const robin = await k.tokenFor('robin@example.org', 'Robin');
    promptId = await publicCommunityWithPromptToday(k, robin, { slug: SLUG, name: 'Kindling demo' }, {
      title: 'Two-minute warm-ups',
      easy: 'Draw the view from where you sit, using only ten lines.',
      hard: HARD,
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await k?.stop();
  });

  it('goes from visitor to a posted sketch-only hard answer in at most 6 interactions, back on the prompt after sign-in', async () => {
    const context = await browser.newContext({ viewport: PHONE, hasTouch: true, locale: 'en-US' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const hand = counted(page);

    await page.goto(`${k.base}/c/${SLUG}`);
    await page.screenshot({ path: join(shots, 'after-1-today-visitor.png'), fullPage: true });
    const hardCard = page.locator('.level-card-hard');
    await hand.click(hardCard.getByRole('link', { name: 'Answer this one' }));

    const email = page.getByLabel('Email address');
    await email.fill('priya.sharma@example.org');
    await hand.press(email, 'Enter');
    await page.getByText('Check your email').waitFor();
    await page.screenshot({ path: join(shots, 'after-2-check-email.png'), fullPage: true });

    await page.goto(await k.signInLink('priya.sharma@example.org')); // opening the mailed link: navigation
    expect(await page.getByLabel('Your name, as others will see it').inputValue()).toBe('Priya Sharma');
    await expectAccessible(page);
    await page.screenshot({ path: join(shots, 'after-3-confirm.png'), fullPage: true });
    await hand.click(page.getByRole('button', { name: 'Continue' }));

    // Back on the prompt, on the hard option, with the sketch pad first.
    await page.waitForURL(`${k.base}/c/${SLUG}?prompt=${promptId}&level=hard#answer`);
    await page.getByRole('img', { name: 'Sketch pad' }).waitFor();
    expect(await page.locator('#answer-prompt').textContent()).toBe(HARD);
    expect(await page.locator('#posting-as-line').textContent()).toBe('Posting to Kindling demo as Priya Sharma');
    const height = await formHeight(page);
    console.log(`[answer-path] form height before "Post my answer": ${Math.round(height)} px (${(height / PHONE.height).toFixed(2)} screens)`);
    expect(height).toBeLessThanOrEqual(2 * PHONE.height);
    await expectAccessible(page);
    await page.screenshot({ path: join(shots, 'after-4-form.png'), fullPage: true });
    await page.locator('#answer').screenshot({ path: join(shots, 'after-4b-form-only.png') });

    await draw(page);
    await page.getByText('1 stroke drawn').waitFor();
    await hand.click(page.getByRole('button', { name: 'Post my answer' }));
    await page.getByText(/Posted/).waitFor();
    await page.screenshot({ path: join(shots, 'after-5-posted.png'), fullPage: true });

    console.log(`[answer-path] interactions from the today page to a posted sketch: ${hand.count}`);
    expect(hand.count).toBeLessThanOrEqual(6);

    // The answer is the sketch alone, and it made Priya a member.
    const [priya] = await k.db.select().from(users).where(eq(users.email, 'priya.sharma@example.org'));
    const [answer] = await k.db.select().from(submissions).where(eq(submissions.userId, priya!.id));
    expect(answer).toMatchObject({ promptId, level: 'hard', body: '' });
    expect(answer!.imageId).toBeTruthy();
    const joined = await k.db.select().from(memberships).where(and(eq(memberships.userId, priya!.id), eq(memberships.communityId, answer!.communityId)));
    expect(joined).toHaveLength(1);

    await page.goto(`${k.base}/c/${SLUG}/p/${promptId}`);
    expect(await page.locator('main img.answer-image').count()).toBe(1);
    await page.screenshot({ path: join(shots, 'after-6-gallery.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('speaks French all along to a French member: the mail, the confirm page, the form', async () => {
    const context = await browser.newContext({ viewport: PHONE, hasTouch: true, locale: 'fr-FR' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${k.base}/c/${SLUG}`);
    await page.locator('.level-card-easy').getByRole('link').click();
    await page.getByLabel('Adresse e-mail').fill('elodie@example.fr');
    await page.getByLabel('Adresse e-mail').press('Enter');
    await page.getByRole('status').waitFor();
    const link = await k.signInLink('elodie@example.fr');
    const [mail] = await k.db.select().from(outbox).where(eq(outbox.to, 'elodie@example.fr'));
    expect(mail!.subject).toBe('Votre lien de connexion à Kindling');

    await page.goto(link);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.screenshot({ path: join(shots, 'after-3-confirm-fr.png'), fullPage: true });
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.waitForURL(`${k.base}/c/${SLUG}?prompt=${promptId}&level=easy#answer`);
    expect(await page.locator('#posting-as-line').textContent()).toBe('Publié dans Kindling demo sous le nom Elodie');
    await context.close();
  });
});

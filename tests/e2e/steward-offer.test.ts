/**
 * Issue 14 in Chromium: a steward finds a quiet community on the network dashboard, offers it a series from a
 * showcase community (pinned on the home page), and its facilitator, told in the app, accepts it: the series
 * is scheduled. Plain forms all the way; no CSP violation, no page error, no serious accessibility violation.
 */
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { series, users } from '../../db/schema';
import { browserAvailable, expectAccessible, launchBrowser, publicCommunityWithPromptToday, signInThroughEmail, startKindling, type RunningKindling } from './support';

describe.runIf(browserAvailable())('a steward offers a quiet community a showcase series', { timeout: 180_000 }, () => {
  let k: RunningKindling;
  let browser: Browser;

  beforeAll(async () => {
    [k, browser] = await Promise.all([startKindling(), launchBrowser()]);
    const sara = await k.tokenFor('sara@example.org', 'Sara');
    await publicCommunityWithPromptToday(k, sara, { slug: 'bright', name: 'Bright sketchers' }, { title: 'Two-minute sketches', easy: 'Draw a cup.', hard: 'Draw a cup and its shadow.' });
    const quinn = await k.tokenFor('quinn@example.org', 'Quinn');
    expect((await k.api('POST', '/api/communities', quinn, { slug: 'quiet-place', name: 'Quiet place', timeZone: 'UTC', visibility: 'private' })).status).toBe(201);
    const stu = await k.tokenFor('stu@example.org', 'Stu');
    await k.db.update(users).set({ isSteward: true }).where(eq(users.email, 'stu@example.org'));
    // Bright is held up as an example: pinned on the home page's showcase strip.
    expect((await k.api('POST', '/api/network/communities/bright/showcase', stu)).status).toBe(200);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await k?.stop();
  });

  async function pageFor() {
    const context = await browser.newContext({ locale: 'en-GB' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) problems.push(m.text());
    });
    return { context, page, problems };
  }

  const settle = async (page: Page) => {
    await page.waitForLoadState('networkidle');
    await expectAccessible(page);
  };

  it('from the dashboard to a scheduled series, with the facilitator’s consent', async () => {
    const steward = await pageFor();
    await signInThroughEmail(k, steward.page, 'stu@example.org', 'Stu');
    await steward.page.goto(`${k.base}/network`);
    // Going quiet: the dashboard's filter.
    await steward.page.getByLabel('Show').selectOption('quiet');
    await steward.page.getByRole('button', { name: 'Apply' }).click();
    await steward.page.waitForURL(/filter=quiet/);
    await steward.page.getByRole('link', { name: 'Act for Quiet place' }).click();
    await steward.page.waitForURL(`${k.base}/network/c/quiet-place`);
    await steward.page.getByRole('heading', { level: 1, name: 'Steward actions: Quiet place' }).waitFor();
    await settle(steward.page);
    await steward.page.getByLabel('Series', { exact: true }).selectOption({ label: 'Two-minute sketches (Bright sketchers)' });
    await steward.page.getByLabel('A word for the facilitators (optional)').fill('Bright got going with this one.');
    await steward.page.getByRole('button', { name: 'Offer this series' }).click();
    await steward.page.getByText('The series was offered. Its facilitators have been told.').waitFor();
    await steward.page.getByText('Waiting for a facilitator').waitFor();
    expect(steward.problems).toEqual([]);
    await steward.context.close();

    const facilitator = await pageFor();
    await signInThroughEmail(k, facilitator.page, 'quinn@example.org', 'Quinn');
    await facilitator.page.goto(`${k.base}/me`);
    await facilitator.page.getByText('A network steward offered Quiet place a series that worked elsewhere.').waitFor();
    await facilitator.page.getByRole('link', { name: 'See the offer' }).click();
    await facilitator.page.waitForURL(`${k.base}/c/quiet-place/offers`);
    await facilitator.page.getByText('Bright got going with this one.').waitFor();
    await settle(facilitator.page);
    await facilitator.page.getByLabel('Start on').fill('2031-03-03');
    await facilitator.page.getByRole('button', { name: 'Accept and schedule' }).click();
    await facilitator.page.getByText('Accepted: the series is scheduled.').waitFor();
    await facilitator.page.getByRole('link', { name: 'Open the series' }).click();
    await facilitator.page.getByRole('heading', { name: 'Two-minute sketches' }).first().waitFor();
    expect(facilitator.problems).toEqual([]);
    await facilitator.context.close();

    const scheduled = await k.db.select().from(series).where(eq(series.title, 'Two-minute sketches'));
    expect(scheduled.map((s) => [s.status, s.startDate])).toEqual(expect.arrayContaining([['scheduled', '2031-03-03']]));
  });
});

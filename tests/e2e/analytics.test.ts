/**
 * The analytics page in Chromium: reached from the facilitator menu, each chart drawn with its table, the
 * hydrated client running with no CSP violation nor page error, and no serious accessibility violation (axe).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, launchBrowser, publicCommunityWithPromptToday, signInThroughEmail, startKindling, type RunningKindling } from './support';

describe.runIf(browserAvailable())('the analytics page', { timeout: 120_000 }, () => {
  let k: RunningKindling;
  let browser: Browser;

  beforeAll(async () => {
    [k, browser] = await Promise.all([startKindling(), launchBrowser()]);
    const fran = await k.tokenFor('fran@example.org', 'Fran');
    await publicCommunityWithPromptToday(k, fran, { slug: 'stats-e2e', name: 'Stats' }, { title: 'Warm-ups', easy: 'Draw a cup.', hard: 'Draw a cup and its shadow.' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await k?.stop();
  });

  it('is one click from the facilitator menu, draws its charts with tables, and is accessible', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) problems.push(m.text());
    });
    await signInThroughEmail(k, page, 'fran@example.org', 'Fran');
    await page.goto(`${k.base}/c/stats-e2e/leaderboard`);
    await page.getByRole('navigation', { name: 'Facilitator tools' }).getByRole('link', { name: 'Analytics' }).click();
    await page.waitForURL(`${k.base}/c/stats-e2e/analytics`);
    await page.getByRole('heading', { level: 1, name: 'Analytics of Stats' }).waitFor();
    // The series began today and figures cover complete days to yesterday: no series figures yet.
    await page.getByText('No series has opened a prompt yet.').waitFor();
    expect(await page.getByRole('img').count()).toBe(4);
    expect(await page.locator('table.analytics-table').count()).toBe(4);
    expect(await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href')).toBe('/api/communities/stats-e2e/analytics.csv');
    await page.waitForLoadState('networkidle');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });
});

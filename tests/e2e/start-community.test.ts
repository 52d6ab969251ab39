/**
 * A new member starts a community in a real browser: the directory's link, the form (an error shown in place
 * first), the new community's facilitator menu, the template picker, the sketch template in the series editor
 * with its calendar preview, and the series created. axe checks every one of these pages.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, launchBrowser, signInThroughEmail, startKindling, type RunningKindling } from './support';

describe.runIf(browserAvailable())('starting a community in a browser', { timeout: 120_000 }, () => {
  let k: RunningKindling;
  let browser: Browser;

  beforeAll(async () => {
    [k, browser] = await Promise.all([startKindling(), launchBrowser()]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await k?.stop();
  });

  it('a new member creates a community, starts the sketch warm-ups from a template and sees the calendar', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'en-US', timezoneId: 'Europe/Paris' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await signInThroughEmail(k, page, 'nadia@example.org', 'Nadia');
    await page.getByRole('link', { name: 'Start a community' }).click();
    await page.waitForURL(`${k.base}/communities/new`);
    // With JavaScript, an empty time zone is the browser's own, filled in once the page has hydrated.
    await expect.poll(() => page.getByLabel('Time zone').inputValue(), { timeout: 10_000 }).toBe('Europe/Paris');
    await expectAccessible(page);

    // A wrong time zone comes back in place, with what was typed kept.
    await page.getByLabel('Name').fill('Studio sketchers');
    await page.getByLabel('Description (optional)').fill('Architects who draw for two minutes a day.');
    await page.getByLabel('Time zone').fill('Europe/Parris');
    await page.getByLabel('The day starts at').selectOption('7');
    await page.getByRole('button', { name: 'Start the community' }).click();
    await page.getByText('Pick a time zone from the list, such as Europe/Paris.').waitFor();
    await expect(page.getByLabel('Name').inputValue()).resolves.toBe('Studio sketchers');
    await expect(page.getByLabel('The day starts at').inputValue()).resolves.toBe('7');
    expect(await page.getByLabel('Time zone').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);

    await page.getByLabel('Time zone').fill('Europe/Paris');
    await page.getByRole('button', { name: 'Start the community' }).click();
    await page.waitForURL(`${k.base}/c/studio-sketchers?created=1`);
    await expectAccessible(page);

    // The new community tells its facilitator where to begin.
    await page.getByText('Your community is ready.').waitFor();
    await page.getByRole('status').getByRole('link', { name: 'Series from a template' }).click();
    await page.waitForURL(`${k.base}/c/studio-sketchers/series/templates`);
    await expectAccessible(page);
    await page.getByRole('link', { name: /Use this template\W+Two-minute sketch warm-ups/ }).click();
    await page.waitForURL(/\/series\/templates\/sketch-warm-ups\?lang=en$/);

    // The editor holds the template; the preview lists its ten days. (The page also has the import form, with a
    // title and start date of its own.)
    const editor = page.locator('form.series-editor');
    await expect(editor.getByLabel('Title').inputValue()).resolves.toBe('Two-minute sketch warm-ups');
    const preview = page.locator('.preview-list li');
    expect(await preview.count()).toBe(10);
    expect(await preview.first().textContent()).toContain('Prompt 1: Draw your desk in 5 lines.');
    await expectAccessible(page);

    // Edited before creating: the preview follows the new start date at once.
    await editor.getByLabel('Start date').fill('2030-01-07');
    await page.locator('.preview-list li', { hasText: 'Mon 7 Jan' }).waitFor();
    expect(await preview.last().textContent()).toMatch(/^Wed 16 Jan · Prompt 10/);
    await page.getByRole('button', { name: 'Create the series' }).click();
    await page.getByText('The series is scheduled.').waitFor();
    await expectAccessible(page);

    const community = await k.api('GET', '/api/communities/studio-sketchers', await k.tokenFor('nadia@example.org', 'Nadia'));
    expect(community.json).toMatchObject({ role: 'facilitator', timeZone: 'Europe/Paris', dayStartHour: 7, description: 'Architects who draw for two minutes a day.' });
    expect(errors).toEqual([]);
  });
});

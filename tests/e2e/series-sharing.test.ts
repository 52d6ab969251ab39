/**
 * Sharing and editing series in a real browser: a facilitator publishes from the series page, another copies
 * from the library (the copy says where it came from), fixes a typo, and imports a broken CSV to see the
 * error table. Pages stay accessible and the scripts raise no error.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, browserAvailable, expectAccessible, launchBrowser, signInThroughEmail, startKindling, type RunningKindling } from './support';

describe.runIf(browserAvailable())('sharing and editing series in a browser', { timeout: 120_000 }, () => {
  let k: RunningKindling;
  let browser: Browser;
  let seriesId: number;

  beforeAll(async () => {
    [k, browser] = await Promise.all([startKindling(), launchBrowser()]);
    mkdirSync(artifactsDir, { recursive: true });
    const fran = await k.tokenFor('fran@example.org', 'Fran');
    await k.api('POST', '/api/communities', fran, { slug: 'sketchers', name: 'Sketchers', timeZone: 'UTC', visibility: 'public' });
    const today = new Date().toISOString().slice(0, 10);
    const s = await k.api('POST', '/api/communities/sketchers/series', fran, {
      title: 'Warm-ups',
      startDate: today,
      cadence: 'daily',
      prompts: [
        { easy: 'Draw a cup', hard: 'Draw a cup in two-point perspective' },
        { easy: 'Name one tool', hard: 'Explain why you chose it' },
      ],
    });
    expect(s.status).toBe(201);
    seriesId = s.json.id;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await k?.stop();
  });

  async function signedIn(email: string, name: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'en-US' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInThroughEmail(k, page, email, name);
    return { page, errors };
  }

  it('publish, copy from the library, fix a typo, and see an import refused row by row', async () => {
    const fran = await signedIn('fran@example.org', 'Fran');
    await fran.page.goto(`${k.base}/c/sketchers/s/${seriesId}`);
    await expectAccessible(fran.page);
    await fran.page.getByRole('button', { name: 'Publish to the library' }).click();
    await fran.page.waitForURL(/notice=published/);
    await fran.page.screenshot({ path: join(artifactsDir, 'series-page.png'), fullPage: true });

    const pat = await signedIn('pat@example.org', 'Pat');
    const patToken = await k.tokenFor('pat@example.org', 'Pat');
    await k.api('POST', '/api/communities', patToken, { slug: 'potters', name: 'Potters', timeZone: 'UTC', visibility: 'public' });
    await pat.page.goto(`${k.base}/library`);
    await expectAccessible(pat.page);
    await pat.page.screenshot({ path: join(artifactsDir, 'library.png'), fullPage: true });
    await pat.page.getByRole('button', { name: 'Copy the series' }).click();
    await pat.page.waitForURL(/\/c\/potters\/s\/\d+\?notice=copied/);
    expect(await pat.page.textContent('body')).toContain('Adapted from Warm-ups by Sketchers');

    // The copy starts today: its first prompt is open, so only a typo fix goes through.
    await pat.page.locator('textarea[name="easy"]').first().fill('Draw a cap');
    await pat.page.getByRole('button', { name: 'Fix typo Prompt 1' }).click();
    await pat.page.waitForURL(/notice=saved/);
    expect(await pat.page.locator('table.edit-log').textContent()).toContain('Draw a cap');

    await pat.page.goto(`${k.base}/c/potters/series/new`);
    await pat.page.setInputFiles('#import-file', { name: 'prompts.csv', mimeType: 'text/csv', buffer: Buffer.from('day,easy,hard\n1,,b\n1,a,b\n') });
    await pat.page.fill('#import-title', 'From a file');
    await pat.page.fill('#import-start', '2026-12-01');
    await pat.page.getByRole('button', { name: 'Import' }).click();
    await pat.page.waitForSelector('table.import-errors');
    expect(await pat.page.locator('table.import-errors').textContent()).toContain('row 2, column day');
    await expectAccessible(pat.page);
    await pat.page.screenshot({ path: join(artifactsDir, 'import-errors.png'), fullPage: true });

    expect([...fran.errors, ...pat.errors]).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchBrowser, seriousA11yViolations, startKindling, type RunningKindling } from './support';

describe.runIf(browserAvailable())('the community directory in a browser', () => {
  let k: RunningKindling;
  let browser: Browser;
  beforeAll(async () => {
    [k, browser] = await Promise.all([startKindling(), launchBrowser()]);
    const token = await k.tokenFor('fran@example.org', 'Fran');
    await k.api('POST', '/api/communities', token, { slug: 'nurses', name: 'Night nurses', timeZone: 'UTC', visibility: 'public' });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await k?.stop();
  });

  it('renders, hydrates without errors, switches to French, and has no serious accessibility violation', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${k.base}/`);
    await expect(page.getByRole('link', { name: 'Night nurses' }).isVisible()).resolves.toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Français' }).click();
    await page.waitForURL(`${k.base}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Communautés');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(errors).toEqual([]);
  });

  it('answers an unknown URL with the friendly 404 page, free of serious accessibility violations', async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${k.base}/no/such/page`);
    expect(res?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not found');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

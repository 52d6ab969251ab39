/**
 * A form filled in before its scripts ran: a quick typist, a password manager's autofill, or a slow phone. The
 * scripts are held back until the address is typed; once the page has hydrated, Enter asks for the link with that
 * address. (Every form sent what it had kept from input events, which came before the page listened: the sign-in
 * form an empty address, refused with 400, and no "check your email". Seen as a flaky e2e sign-in under load;
 * web/src/main.tsx now replays such input after hydrating.)
 */
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema';
import { browserAvailable, launchBrowser, startKindling, type RunningKindling } from './support';

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

describe.runIf(run)('a form typed into before its scripts ran', () => {
  it('sends the address typed before hydration, without a reload', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let scriptsRequested = 0;
    await page.route('**/*.js', async (route) => {
      scriptsRequested++;
      await held;
      await route.continue();
    });
    await page.goto(`${k.base}/sign-in`, { waitUntil: 'commit' });
    await page.getByLabel('Email address').fill('early@example.org');
    expect(scriptsRequested).toBeGreaterThan(0); // the page's scripts were waiting while it was typed into
    release();
    await page.waitForLoadState('networkidle');
    // Once hydrated, the page keeps this marker: a plain form post would reload the page and lose it.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.getByLabel('Email address').press('Enter');
    await page.getByRole('status').waitFor();
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    const [mail] = await k.db.select().from(outbox).where(eq(outbox.to, 'early@example.org'));
    expect(mail?.actionUrl).toContain('/auth/confirm');
  }, 120_000);
});

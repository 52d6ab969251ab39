/**
 * The strict CSP does not break the pages: in Chromium, the today page, the gallery and answering a prompt
 * with a sketch (which needs the hydrated client) run with not one CSP violation, reported either by the
 * page's `securitypolicyviolation` events or by the console; and the Node server sends the headers.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_CSP, RESOURCE_CSP } from '../../src/security-headers';
import { browserAvailable, launchBrowser, publicCommunityWithPromptToday, signInThroughEmail, startKindling, type RunningKindling } from './support';

const SLUG = 'csp-check';

/** Every CSP violation any page of this tab reports, whatever navigation it happens in. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('reportCspViolation', (line: string) => seen.push(line));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportCspViolation(s: string): void }).reportCspViolation(`${e.violatedDirective} ${e.blockedURI} at ${location.pathname}`),
    );
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

describe.runIf(browserAvailable())('pages under the strict CSP', { timeout: 120_000 }, () => {
  let k: RunningKindling;
  let browser: Browser;
  let promptId: number;

  beforeAll(async () => {
    [k, browser] = await Promise.all([startKindling(), launchBrowser()]);
    const robin = await k.tokenFor('robin@example.org', 'Robin');
    promptId = await publicCommunityWithPromptToday(k, robin, { slug: SLUG, name: 'CSP check' }, { title: 'Warm-ups', easy: 'Draw a cup.', hard: 'Draw a cup and its shadow.' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await k?.stop();
  });

  it('load, hydrate and post a sketch answer with no violation', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const violations = await watchViolations(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    const today = await page.goto(`${k.base}/c/${SLUG}`);
    expect(today!.headers()['content-security-policy']).toContain("script-src 'self'");
    // The stylesheet applied: the body lost the browser's default margin.
    expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');

    await signInThroughEmail(k, page, 'sam@example.org', 'Sam');
    await page.goto(`${k.base}/c/${SLUG}?prompt=${promptId}&level=hard#answer`);
    const pad = page.getByRole('img', { name: 'Sketch pad' });
    await pad.waitFor();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + 150, box.y + 90, { steps: 8 });
    await page.mouse.up();
    await page.getByText('1 stroke drawn').waitFor();
    await page.getByRole('button', { name: 'Post my answer' }).click();
    await page.getByText(/Posted/).waitFor();

    await page.goto(`${k.base}/c/${SLUG}/p/${promptId}`);
    const image = page.locator('main img.answer-image');
    await image.waitFor();
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("are sent by the Node server on every kind of response, a route's own winning", async () => {
    const page = await fetch(`${k.base}/c/${SLUG}`);
    const script = (await page.text()).match(/<script type="module" src="([^"]+)"/)![1]!;
    const kinds: [string, number, string][] = [
      [`/c/${SLUG}`, 200, PAGE_CSP],
      ['/no/such/page', 404, PAGE_CSP],
      ['/healthz', 200, RESOURCE_CSP],
      ['/api/nothing-here', 404, RESOURCE_CSP],
      [script, 200, RESOURCE_CSP],
      ['/auth/confirm?token=nope', 400, PAGE_CSP],
    ];
    for (const [path, status, csp] of kinds) {
      const res = await fetch(`${k.base}${path}`);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('Content-Security-Policy'), path).toBe(csp);
      expect(res.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
      expect(res.headers.get('Cross-Origin-Opener-Policy'), path).toBe('same-origin');
      const referrer = path.startsWith('/auth/') ? 'no-referrer' : 'strict-origin-when-cross-origin';
      expect(res.headers.get('Referrer-Policy'), path).toBe(referrer);
      expect(res.headers.get('Strict-Transport-Security'), path).toBeNull(); // no https PUBLIC_URL here
    }
    expect((await fetch(`${k.base}${script}`)).headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
  });

  it('would see a violation if one happened', async () => {
    // The watch itself must be able to fail: an inline script on our page is refused and reported.
    const page = await browser.newPage();
    const violations = await watchViolations(page);
    await page.goto(`${k.base}/c/${SLUG}`);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.ran = true';
      document.body.append(s);
    });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { ran?: boolean }).ran)).toBeUndefined();
    await page.close();
  });
});

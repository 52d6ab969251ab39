/**
 * The look across themes and screens: phone (390×844) and desktop (1280×800) screenshots of every page a
 * member meets (home with its featured prompt, today, after answering with the celebration, gallery with a sketch, an
 * answer's permalink, an empty gallery, my profile with its heat map and badges, another member's profile,
 * the 404 page), in light and dark, saved to tests/artifacts/look/; axe finds no serious or critical
 * violation in either theme, and no page shifts its layout by more than 0.05.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import {
  artifactsDir,
  browserAvailable,
  launchBrowser,
  publicCommunityWithPromptToday,
  seriousA11yViolations,
  signInThroughEmail,
  startKindling,
  type RunningKindling,
} from './support';

/** A quick line drawing of a cup in two-point perspective, as a sketch pad would make (480×360 PNG). */
const CUP_SKETCH =
  '<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360"><rect width="480" height="360" fill="#fff"/>' +
  '<g fill="none" stroke="#222" stroke-width="4" stroke-linecap="round"><path d="M20 120 H460" stroke="#bbb" stroke-width="2"/>' +
  '<path d="M150 130 L170 300 Q240 330 310 300 L330 130"/><ellipse cx="240" cy="130" rx="90" ry="24"/>' +
  '<path d="M330 170 Q400 180 380 240 Q370 270 318 260"/></g></svg>';

const SCREENS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;
const THEMES = ['light', 'dark'] as const;
const out = join(artifactsDir, 'look');

/** Cumulative layout shift so far (the browser buffers the entries since navigation). */
function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) total += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 300);
      }),
  );
}

describe.runIf(browserAvailable())('the look, in both themes, on a phone and a desktop', () => {
  let k: RunningKindling;
  let browser: Browser;
  let signedIn: BrowserContextOptions['storageState'];
  let pages: Record<string, string>;
  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    [k, browser] = await Promise.all([startKindling(), launchBrowser()]);
    const fran = await k.tokenFor('fran@example.org', 'Fran');
    const promptId = await publicCommunityWithPromptToday(k, fran, { slug: 'sketchers', name: 'Sketchers' }, {
      title: 'Everyday objects',
      easy: 'Draw a cup',
      hard: 'Draw a cup in two-point perspective',
    });
    // Someone answered before: the gallery has something to show.
    const ana = await k.tokenFor('ana@example.org', 'Ana');
    const answered = await k.api('POST', `/api/prompts/${promptId}/submissions`, ana, { level: 'easy', body: 'A wobbly cup, but a cup', visibility: 'public' });
    expect(answered.status).toBe(201);
    // A sketch answer from someone else, so the gallery shows a picture as it shows them all.
    const bo = await k.tokenFor('bo@example.org', 'Bo');
    expect((await k.api('POST', '/api/communities/sketchers/join', bo, {})).status).toBe(200);
    const sketch = new Resvg(CUP_SKETCH).render().asPng();
    const up = await fetch(`${k.base}/api/images`, { method: 'POST', headers: { Authorization: `Bearer ${bo}`, 'Content-Type': 'image/png' }, body: new Uint8Array(sketch) });
    expect(up.status).toBe(201);
    const imageId = ((await up.json()) as { id: string }).id;
    expect((await k.api('POST', `/api/prompts/${promptId}/submissions`, bo, { level: 'hard', body: 'Two points, one horizon', imageId, visibility: 'public' })).status).toBe(201);
    // A public profile to visit, and a community with no answers yet (the empty gallery that teaches).
    expect((await k.api('PATCH', '/api/me', ana, { publicProfile: true })).status).toBe(200);
    const quietPrompt = await publicCommunityWithPromptToday(k, fran, { slug: 'quiet-corner', name: 'Quiet corner' }, {
      title: 'Warm-ups',
      easy: 'Name one tool you use',
      hard: 'Explain why you chose it',
    });
    const anaId = (await k.api('GET', '/api/me', ana)).json.id as number;
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughEmail(k, page, 'ana@example.org', 'Ana');
    signedIn = await context.storageState();
    await context.close();
    pages = {
      home: '/',
      today: '/c/sketchers',
      // The page the answer form redirects to: the celebration.
      answered: `/c/sketchers?prompt=${promptId}&posted=easy&points=1&onTime=1`,
      gallery: `/c/sketchers/p/${promptId}`,
      answer: `/a/${answered.json.id}`,
      'empty-gallery': `/c/quiet-corner/p/${quietPrompt}`,
      profile: '/me',
      'member-profile': `/u/${anaId}`,
      'not-found': '/no-such-page',
    };
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await k?.stop();
  });

  it('keeps the today page JavaScript within 60 KB gzipped', async () => {
    const html = await (await fetch(`${k.base}/c/sketchers`)).text();
    const scripts = [...html.matchAll(/<(?:script type="module" src|link rel="modulepreload" href)="([^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    let total = 0;
    for (const path of new Set(scripts)) total += gzipSync(Buffer.from(await (await fetch(`${k.base}${path}`)).arrayBuffer()), { level: 9 }).length;
    expect(total).toBeLessThanOrEqual(60 * 1024);
  });

  for (const theme of THEMES) {
    for (const [screen, viewport] of Object.entries(SCREENS)) {
      it(`${screen}, ${theme}: screenshots, no serious accessibility violation, steady pages`, async () => {
        const context = await browser.newContext({ viewport, colorScheme: theme, storageState: signedIn });
        const page = await context.newPage();
        for (const [name, path] of Object.entries(pages)) {
          const res = await page.goto(`${k.base}${path}`);
          expect(res?.status(), path).toBe(name === 'not-found' ? 404 : 200);
          await page.waitForLoadState('networkidle');
          await page.screenshot({ path: join(out, `${name}-${screen}-${theme}.png`), fullPage: true });
          expect(await seriousA11yViolations(page), `${name} ${screen} ${theme}`).toEqual([]);
          expect(await layoutShift(page), `layout shift of ${name}`).toBeLessThanOrEqual(0.05);
        }
        const scheme = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
        expect(scheme).toBe(theme === 'dark');
        await context.close();
      }, 120_000);
    }
  }
});

/**
 * The site's icon and web app manifest, so a phone can put Kindling on its home screen. Served by the app (no
 * build step, the same on Node and Workers); the document head links both (web/src/document.tsx).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../middleware/env';

/** The ember accent of the design tokens (web/src/styles.css), and the light theme's background. */
export const THEME_COLOR = '#9a3d0e';
const BACKGROUND_COLOR = '#fbf6ef';

/** A flame on a rounded warm square: legible at 16 px in a tab and safe inside a maskable icon's circle. */
export const ICON_SVG =
  "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'>" +
  "<rect width='32' height='32' rx='7' fill='#9a3d0e'/>" +
  "<path fill='#fdf1e6' d='M16 5c1.6 4.6 7 7 7 13a7 7 0 0 1-14 0c0-3.8 2.3-5.4 3-8.4.8 2.3 1.6 3 2.3 3.8.8-3 .8-5.3 1.7-8.4z'/>" +
  '</svg>';

const manifest = {
  name: 'Kindling',
  short_name: 'Kindling',
  description: 'One small prompt a day for your community of practice, answered in two minutes.',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  theme_color: THEME_COLOR,
  background_color: BACKGROUND_COLOR,
  icons: [
    { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'maskable' },
  ],
};

// A day of caching: the icon rarely changes, and a stale one for a day does no harm.
const CACHE = 'public, max-age=86400';

export const appIconRoutes = new Hono<AppEnv>()
  .get('/favicon.svg', (c) => c.body(ICON_SVG, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': CACHE }))
  .get('/manifest.webmanifest', (c) =>
    c.body(JSON.stringify(manifest), 200, { 'Content-Type': 'application/manifest+json', 'Cache-Control': CACHE }),
  );

/**
 * The security headers Kindling sends, as plain data, for the three places that send them: the app's middleware
 * (src/middleware/security-headers.ts, on Workers and in tests), the Node HTTP server (src/node/headers.ts), and
 * the `_headers` file the web build writes for the files Workers serve without running the app. One list, so
 * the homes cannot drift.
 */

/**
 * Pages: scripts and styles only from our own origin. The page data is a `type="application/json"` block,
 * which browsers never execute, so no inline script needs a nonce or a hash; no page has an inline style
 * (the timer bar's width is set through the DOM, which CSP allows). The web app manifest and the icon are our
 * own (src/routes/web/app-icons.ts). Images: our own, data: URLs and the sketch or photo preview (blob:).
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Everything that is not a page (JSON, images, scripts, styles): it may load nothing and run nothing. */
export const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** Two years, as the HSTS preload list asks; only ever sent over https (browsers ignore it over http anyway). */
export const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Sent with every response, whatever its kind. Each header costs a trivial response about 2 % of its throughput
 * on Node, so there is no X-Frame-Options: CSP's frame-ancestors, which every supported browser reads, says it.
 */
export const COMMON_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  // Nothing of ours is meant to be embedded by another site: images of private answers least of all.
  ['Cross-Origin-Resource-Policy', 'same-origin'],
];

/**
 * What every response carries unless its route says otherwise: a page's CSP is set where pages are rendered
 * (src/routes/web/render.ts), so this holds the load-nothing CSP. HSTS when the public URL is https.
 */
export function baseHeaders(publicUrl: string | undefined): Record<string, string> {
  const headers: Record<string, string> = Object.fromEntries([...COMMON_HEADERS, ['Content-Security-Policy', RESOURCE_CSP]]);
  // A public https URL means a TLS proxy in front: the request itself may arrive as plain http.
  if (publicUrl?.startsWith('https:')) headers['Strict-Transport-Security'] = HSTS;
  return headers;
}

/** Built files carry a content hash in their name: the bytes behind a name never change. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Workers static assets' `_headers` file: the same headers for the built files the Worker never sees. */
export function workersHeadersFile(): string {
  const lines = (headers: ReadonlyArray<readonly [string, string]>) => headers.map(([k, v]) => `  ${k}: ${v}`).join('\n');
  return [
    '/*',
    lines([...COMMON_HEADERS, ['Content-Security-Policy', RESOURCE_CSP], ['Strict-Transport-Security', HSTS]]),
    '/assets/*',
    lines([['Cache-Control', IMMUTABLE]]),
    '',
  ].join('\n');
}

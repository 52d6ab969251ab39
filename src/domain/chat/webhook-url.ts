/**
 * Which chat webhook URLs Kindling will post to. The server sends these requests itself, so a URL must not
 * turn it into a way to reach hosts it alone can reach: https only, on a public host name, the default port,
 * no credentials. The checks read the URL only (no DNS: it is never fetched at request time, and Workers have
 * no resolver); delivery does not follow redirects either.
 */
import { invalidField } from '../errors';

export const WEBHOOK_URL_MAX = 2048;

export interface WebhookUrlRules {
  /** Development and tests only (CHAT_WEBHOOKS_ALLOW_LOOPBACK): http://127.0.0.1 or http://localhost. */
  allowLoopback: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isIpLiteral(hostname: string): boolean {
  // WHATWG URL parsing already rewrote 2130706433, 0x7f.1 and the like to dotted IPv4.
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith('[');
}

/** A name only a local network resolves: localhost, single labels, and the reserved local suffixes. */
function isLocalName(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    !hostname.includes('.') ||
    /\.(localhost|local|internal|intranet|lan|home\.arpa|corp|test|invalid|example)$/.test(hostname)
  );
}

/** The URL, normalised, if Kindling may post to it; else a 400 on `url` saying why. */
export function checkWebhookUrl(input: string, rules: WebhookUrlRules): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw invalidField('url', 'Must be a full URL, starting with https://');
  }
  if (url.href.length > WEBHOOK_URL_MAX) throw invalidField('url', `Must be at most ${WEBHOOK_URL_MAX} characters`);
  if (rules.allowLoopback && url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return url.href;
  if (url.protocol !== 'https:') throw invalidField('url', 'Must start with https://');
  if (url.username || url.password) throw invalidField('url', 'Must not carry a user name or password');
  if (url.port !== '') throw invalidField('url', 'Must use the standard https port');
  if (isIpLiteral(url.hostname)) throw invalidField('url', 'Must name a host, not an IP address');
  if (isLocalName(url.hostname)) throw invalidField('url', 'Must be a public host name');
  return url.href;
}

/** What a page may show of a webhook URL: its host and a hint of the path, never the secret part. */
export function maskedWebhookUrl(href: string): string {
  const url = new URL(href);
  return `${url.protocol}//${url.host}/…${url.pathname.slice(-4)}`;
}

/**
 * Is a provider's webhook call really from the provider? An HMAC-SHA256 of the raw body under the shared
 * secret (MAIL_WEBHOOK_SECRET), checked by Web Crypto's verify (constant time), in one of two forms:
 * - Svix, as Resend sends it: `svix-id`, `svix-timestamp` and `svix-signature: v1,<base64>` over
 *   `id.timestamp.body`; a `whsec_…` secret is base64 after its prefix. The timestamp must be within five
 *   minutes, so a captured call cannot be replayed later.
 * - Kindling's own, for any provider or relay that can sign: `X-Kindling-Signature: sha256=<hex>` over the body.
 */

const TOLERANCE_MS = 5 * 60_000;
const encoder = new TextEncoder();

function hmacKey(raw: Uint8Array<ArrayBuffer>) {
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
}

function base64Bytes(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

function hexBytes(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^([0-9a-f]{2})+$/i.test(text)) return null;
  return Uint8Array.from(text.match(/../g)!, (pair) => parseInt(pair, 16));
}

/** The secret's key bytes: a Svix `whsec_` secret is base64 after its prefix; any other is its UTF-8 bytes. */
function secretBytes(secret: string): Uint8Array<ArrayBuffer> {
  const svix = secret.startsWith('whsec_') ? base64Bytes(secret.slice(6)) : null;
  return svix ?? encoder.encode(secret);
}

/**
 * True when the call carries a valid signature of `rawBody` under `secret`. `header` reads a request header
 * (case-insensitive); `now` bounds the Svix timestamp.
 */
export async function webhookSignatureValid(
  secret: string,
  header: (name: string) => string | undefined,
  rawBody: string,
  now: Date,
): Promise<boolean> {
  const key = await hmacKey(secretBytes(secret));
  const own = header('x-kindling-signature');
  if (own) {
    const sig = hexBytes(own.replace(/^sha256=/, ''));
    return sig !== null && crypto.subtle.verify('HMAC', key, sig, encoder.encode(rawBody));
  }
  const id = header('svix-id') ?? header('webhook-id');
  const timestamp = header('svix-timestamp') ?? header('webhook-timestamp');
  const signatures = header('svix-signature') ?? header('webhook-signature');
  if (!id || !timestamp || !signatures || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > TOLERANCE_MS) return false;
  const signed = encoder.encode(`${id}.${timestamp}.${rawBody}`);
  for (const entry of signatures.split(' ')) {
    const [version, value = ''] = entry.split(',');
    const sig = version === 'v1' ? base64Bytes(value) : null;
    if (sig && (await crypto.subtle.verify('HMAC', key, sig, signed))) return true;
  }
  return false;
}

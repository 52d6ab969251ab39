/**
 * The two links a reminder carries, signed with the deployment's mail secret (HMAC-SHA-256) rather than
 * stored: 100,000 digests a week would otherwise mean 100,000 rows to write and to expire.
 * - unsubscribe ('u'): one member, the communities the mail covered; long-lived, it can only turn mail off.
 * - answer ('a'): one member, one prompt, until that prompt's local day ends; it opens and answers that
 *   prompt and nothing else (never a session).
 * Each token names its purpose inside the signed text, so one kind can never pass for the other.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { settings } from '../../../db/schema';
import { base64url, bytesOfBase64url } from '../base64url';
import { randomToken, sha256Hex } from '../crypto';

const SECRET_SETTING = 'mail_token_secret';

/** A reply address's token: one member answering one prompt by email, until that prompt's local day ends. */
export interface ReplyLink {
  userId: number;
  promptId: number;
  expiresAt: number;
}

export type MailLink =
  | { purpose: 'unsubscribe'; userId: number; communityIds: number[] }
  | { purpose: 'answer'; userId: number; promptId: number; expiresAt: number };

/** The signing key: generated on first use and kept in the settings table (the first writer wins a race). */
export async function mailSigner(db: Db, now: Date): Promise<MailSigner> {
  const stored = async () => (await db.select().from(settings).where(eq(settings.key, SECRET_SETTING)))[0]?.value;
  let secret = await stored();
  if (!secret) {
    await db.insert(settings).values({ key: SECRET_SETTING, value: randomToken(32), createdAt: now.getTime() }).onConflictDoNothing();
    secret = (await stored())!;
  }
  return new MailSigner(await pads(new TextEncoder().encode(secret)));
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) {
    const hi = hex.charCodeAt(2 * i);
    const lo = hex.charCodeAt(2 * i + 1);
    out[i] = ((hi > 57 ? hi - 87 : hi - 48) << 4) | (lo > 57 ? lo - 87 : lo - 48);
  }
  return out;
}

/** The key's inner and outer pads (RFC 2104), worked out once per signer. */
async function pads(key: Uint8Array): Promise<{ inner: Uint8Array; outer: Uint8Array }> {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? hexBytes(await sha256Hex(new Uint8Array(key))) : key);
  return { inner: block.map((b) => b ^ 0x36), outer: block.map((b) => b ^ 0x5c) };
}

/**
 * HMAC-SHA-256 (RFC 2104) over `sha256Hex`, so a home's synchronous hash serves it (Node's): a digest round
 * of 100,000 members signs half a million links, and Web Crypto's HMAC goes through Node's thread pool for
 * each one.
 */
async function hmac(key: { inner: Uint8Array; outer: Uint8Array }, message: Uint8Array): Promise<Uint8Array> {
  const inner = new Uint8Array(64 + message.length);
  inner.set(key.inner);
  inner.set(message, 64);
  const outer = new Uint8Array(64 + 32);
  outer.set(key.outer);
  outer.set(hexBytes(await sha256Hex(inner)), 64);
  return hexBytes(await sha256Hex(outer));
}

/** Constant-time comparison: a forged signature learns nothing from how long the check took. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

function encode(link: MailLink): string {
  return link.purpose === 'unsubscribe'
    ? `u.${link.userId}.${link.communityIds.join('-')}`
    : `a.${link.userId}.${link.promptId}.${link.expiresAt}`;
}

const INT = /^[1-9]\d{0,14}$/;

const REPLY_SIGNATURE_BYTES = 12;
/** Signed text of a reply token: its own purpose letter, so no other token's signature can pass for it. */
const replyPayload = (link: ReplyLink) => `r.${link.userId}.${link.promptId}.${link.expiresAt}`;
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function decode(text: string): MailLink | null {
  const parts = text.split('.');
  if (parts[0] === 'u' && parts.length === 3 && INT.test(parts[1]!)) {
    const ids = parts[2]!.split('-');
    if (ids.length === 0 || ids.length > 50 || !ids.every((id) => INT.test(id))) return null;
    return { purpose: 'unsubscribe', userId: Number(parts[1]), communityIds: ids.map(Number) };
  }
  if (parts[0] === 'a' && parts.length === 4 && parts.slice(1).every((p) => INT.test(p))) {
    return { purpose: 'answer', userId: Number(parts[1]), promptId: Number(parts[2]), expiresAt: Number(parts[3]) };
  }
  return null;
}

export class MailSigner {
  constructor(private readonly key: { inner: Uint8Array; outer: Uint8Array }) {}

  /** `<payload>.<signature>`, both base64url: short enough for a mail client not to wrap it. */
  async sign(link: MailLink): Promise<string> {
    const payload = new TextEncoder().encode(encode(link));
    const signature = await hmac(this.key, payload);
    return `${base64url(payload)}.${base64url(signature)}`;
  }

  /**
   * The token inside a reply address (`reply+<token>@…`): lowercase letters, digits and dashes only, since
   * mail systems may fold the case of an address, and under 50 characters, since a local part holds 64 at
   * most. Hence base 36 and a signature cut to 96 bits: ample for a token that lives one day and only counts
   * when it comes through the provider's signed webhook.
   */
  async signReply(link: ReplyLink): Promise<string> {
    const signature = await hmac(this.key, new TextEncoder().encode(replyPayload(link)));
    const fields = [link.userId, link.promptId, link.expiresAt].map((n) => n.toString(36));
    return `r-${fields.join('-')}-${hex(signature.subarray(0, REPLY_SIGNATURE_BYTES))}`;
  }

  /** The reply a token stands for, or null when it is malformed, forged or expired. */
  async verifyReply(token: string, now: Date): Promise<ReplyLink | null> {
    const match = /^r-([0-9a-z]{1,11})-([0-9a-z]{1,11})-([0-9a-z]{1,11})-([0-9a-f]{24})$/.exec(token.toLowerCase());
    if (!match) return null;
    const [userId, promptId, expiresAt] = match.slice(1, 4).map((field) => parseInt(field!, 36)) as [number, number, number];
    const link = { userId, promptId, expiresAt };
    const expected = (await hmac(this.key, new TextEncoder().encode(replyPayload(link)))).subarray(0, REPLY_SIGNATURE_BYTES);
    if (!sameBytes(expected, hexBytes(match[4]!))) return null;
    return expiresAt > now.getTime() ? link : null;
  }

  /** The link a token stands for, or null when it is malformed, forged, of another purpose or expired. */
  async verify<P extends MailLink['purpose']>(token: string, purpose: P, now: Date): Promise<Extract<MailLink, { purpose: P }> | null> {
    if (token.length > 400) return null;
    const [payloadText, signatureText, extra] = token.split('.');
    if (!payloadText || !signatureText || extra !== undefined) return null;
    const payload = bytesOfBase64url(payloadText);
    const signature = bytesOfBase64url(signatureText);
    if (!payload || !signature) return null;
    if (!sameBytes(await hmac(this.key, payload), signature)) return null;
    const link = decode(new TextDecoder().decode(payload));
    if (!link || link.purpose !== purpose) return null;
    if (link.purpose === 'answer' && link.expiresAt <= now.getTime()) return null;
    return link as Extract<MailLink, { purpose: P }>;
  }
}

/** Web Crypto, so the same code runs on Node and Workers (a home may supply a faster hash: `useSha256`). */
import { base64url } from './base64url';

/** 256 random bits as base64url: sign-in links, sessions and API tokens. */
export function randomToken(bytes = 32): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  return base64url(buf);
}

/** A synchronous SHA-256 (hex) a home may supply: see `useSha256`. */
export type Sha256Hex = (input: string | Uint8Array) => string;
let syncSha256: Sha256Hex | undefined;

/**
 * Lets a home hash synchronously (the Node home passes node:crypto's): Web Crypto's digest goes through the
 * thread pool there, which cost ~7% of an answer POST (two hashes: the API token's and the Idempotency-Key
 * fingerprint's). Workers keep Web Crypto.
 */
export function useSha256(hash: Sha256Hex): void {
  syncSha256 = hash;
}

export async function sha256Hex(input: string | Uint8Array<ArrayBuffer>): Promise<string> {
  if (syncSha256) return syncSha256(input);
  const digest = await crypto.subtle.digest('SHA-256', typeof input === 'string' ? new TextEncoder().encode(input) : input);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Web Crypto, so the same code runs on Node and Workers; on Node, its own hash where that is faster. */

/** 256 random bits as base64url: sign-in links, sessions and API tokens. */
export function randomToken(bytes = 32): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...buf)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Node's crypto when the runtime has it (found at run time, so the Workers bundle imports nothing of Node):
 * a small hash there is synchronous, where Web Crypto's digest goes through the thread pool, which cost
 * ~7% of an answer POST (two hashes: the API token's and the Idempotency-Key fingerprint's).
 */
const nodeCrypto = (globalThis as { process?: { getBuiltinModule?(id: string): unknown } }).process?.getBuiltinModule?.('node:crypto') as
  | typeof import('node:crypto')
  | undefined;

export async function sha256Hex(input: string | Uint8Array<ArrayBuffer>): Promise<string> {
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(input).digest('hex');
  const digest = await crypto.subtle.digest('SHA-256', typeof input === 'string' ? new TextEncoder().encode(input) : input);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** sha256Hex gives the same hex digest through Web Crypto and through a hash the home supplies (Node's). */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex, useSha256 } from '../../src/domain/crypto';

const inputs = ['', 'abc', 'kdl_token-é', new Uint8Array([0, 1, 2, 255]), new TextEncoder().encode('POST /api/x\n{"a":1}')];

describe('sha256Hex', () => {
  it('matches the standard digest, through Web Crypto and through a supplied hash alike', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const viaWebCrypto = await Promise.all(inputs.map((i) => sha256Hex(i)));
    let calls = 0;
    useSha256((input) => {
      calls++;
      return createHash('sha256').update(input).digest('hex');
    });
    expect(await Promise.all(inputs.map((i) => sha256Hex(i)))).toEqual(viaWebCrypto);
    expect(calls).toBe(inputs.length);
  });
});

/** Byte helpers shared by the three format strippers. */

export const ascii = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
export const startsWithText = (b: Uint8Array, text: string, at = 0) =>
  at + text.length <= b.length && [...text].every((ch, i) => b[at + i] === ch.charCodeAt(0));
export const readText = (b: Uint8Array, at: number, length: number) => String.fromCharCode(...b.subarray(at, at + length));

export const be16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
export const be32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
export const le16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
export const le32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

export const be16Bytes = (n: number) => [(n >>> 8) & 0xff, n & 0xff];
export const be32Bytes = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
export const le32Bytes = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

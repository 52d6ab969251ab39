/**
 * Just enough of the protobuf wire format for the replication stand-in (./replication-server.ts): its messages
 * use varints, 64-bit integers, doubles and length-delimited fields only, so a reader that keeps every field
 * as raw values and a writer that appends them are shorter than a schema compiler and its generated code.
 */

/** A decoded message: each field number with its values in order (varints as bigint, the rest as bytes). */
export type Fields = Map<number, (bigint | Buffer)[]>;

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

function readVarint(buf: Buffer, at: number): [bigint, number] {
  let value = 0n;
  for (let shift = 0n; ; shift += 7n) {
    if (at >= buf.length) throw new Error('protobuf: truncated varint');
    const byte = buf[at++]!;
    value |= BigInt(byte & 0x7f) << shift;
    if (byte < 0x80) return [value, at];
  }
}

export function decode(buf: Buffer): Fields {
  const fields: Fields = new Map();
  let at = 0;
  while (at < buf.length) {
    const [key, next] = readVarint(buf, at);
    at = next;
    const field = Number(key >> 3n);
    let value: bigint | Buffer;
    switch (Number(key & 7n)) {
      case VARINT:
        [value, at] = readVarint(buf, at);
        break;
      case FIXED64:
        value = buf.subarray(at, (at += 8));
        break;
      case LENGTH_DELIMITED: {
        const [length, start] = readVarint(buf, at);
        value = buf.subarray(start, (at = start + Number(length)));
        break;
      }
      case FIXED32:
        value = buf.subarray(at, (at += 4));
        break;
      default:
        throw new Error(`protobuf: unsupported wire type in key ${key}`);
    }
    fields.set(field, [...(fields.get(field) ?? []), value]);
  }
  return fields;
}

/** The last value of a field (proto3: a repeated scalar's last one wins), or undefined when absent. */
export const first = (fields: Fields, n: number) => fields.get(n)?.at(-1);
export const bytesOf = (fields: Fields, n: number) => first(fields, n) as Buffer | undefined;
export const textOf = (fields: Fields, n: number) => bytesOf(fields, n)?.toString('utf8') ?? '';
export const numberOf = (fields: Fields, n: number) => BigInt.asIntN(64, (first(fields, n) as bigint | undefined) ?? 0n);
export const messagesOf = (fields: Fields, n: number) => ((fields.get(n) ?? []) as Buffer[]).map(decode);

function varint(value: bigint): Buffer {
  let v = BigInt.asUintN(64, value);
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Buffer.from(out);
}

/** Builds a message field by field; skip a field by not calling its method (proto3 leaves defaults out). */
export class MessageWriter {
  private parts: Buffer[] = [];

  varint(field: number, value: bigint | number | boolean): this {
    this.parts.push(varint(BigInt(field << 3) | BigInt(VARINT)), varint(BigInt(value)));
    return this;
  }

  bytes(field: number, value: Buffer | string): this {
    const data = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    this.parts.push(varint(BigInt(field << 3) | BigInt(LENGTH_DELIMITED)), varint(BigInt(data.length)), data);
    return this;
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export const message = () => new MessageWriter();

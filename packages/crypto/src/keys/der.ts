/**
 * The little DER (ASN.1) that RSA key containers need: read SEQUENCE / INTEGER / OID / NULL / BIT STRING /
 * OCTET STRING strictly, and write the few structures used to re-wrap PKCS#1 keys as PKCS#8 / SPKI.
 * Errors are plain `DerError`s; the key importer turns them into KEY_INVALID without echoing the input.
 */
export class DerError extends Error {}

export const TAG_INTEGER = 0x02;
export const TAG_BIT_STRING = 0x03;
export const TAG_OCTET_STRING = 0x04;
export const TAG_NULL = 0x05;
export const TAG_OID = 0x06;
export const TAG_SEQUENCE = 0x30;

export interface DerElement {
  tag: number;
  /** The contents octets (a view into the input). */
  content: Uint8Array;
}

/** Reads elements one after another from `bytes`. */
export class DerReader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  read(expectedTag?: number): DerElement {
    const bytes = this.bytes;
    if (this.pos + 2 > bytes.length) throw new DerError('truncated');
    const tag = bytes[this.pos++]!;
    if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not used in RSA keys');
    let length = bytes[this.pos++]!;
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count === 0 || count > 4) throw new DerError('unsupported length');
      if (this.pos + count > bytes.length) throw new DerError('truncated');
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + bytes[this.pos++]!;
      if (length < 0x80 || (count > 1 && length < 1 << (8 * (count - 1)))) throw new DerError('non-minimal length');
    }
    if (this.pos + length > bytes.length) throw new DerError('truncated');
    const content = bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    if (expectedTag !== undefined && tag !== expectedTag) throw new DerError('unexpected tag');
    return { tag, content };
  }

  peekTag(): number | undefined {
    return this.done ? undefined : this.bytes[this.pos];
  }

  sequence(): DerReader {
    return new DerReader(this.read(TAG_SEQUENCE).content);
  }

  /** A non-negative INTEGER as a bigint. */
  unsignedInteger(): bigint {
    const { content } = this.read(TAG_INTEGER);
    if (content.length === 0) throw new DerError('empty integer');
    if (content[0]! & 0x80) throw new DerError('negative integer');
    if (content.length > 1 && content[0] === 0 && !(content[1]! & 0x80)) throw new DerError('non-minimal integer');
    return bytesToBigInt(content);
  }

  /** An OBJECT IDENTIFIER in dotted form. */
  oid(): string {
    const { content } = this.read(TAG_OID);
    if (content.length === 0) throw new DerError('empty oid');
    const arcs: number[] = [];
    let value = 0;
    for (const byte of content) {
      value = value * 128 + (byte & 0x7f);
      if (value > Number.MAX_SAFE_INTEGER) throw new DerError('oid arc too large');
      if (!(byte & 0x80)) {
        arcs.push(value);
        value = 0;
      }
    }
    if (content[content.length - 1]! & 0x80) throw new DerError('truncated oid');
    const first = arcs.shift()!;
    const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
    return [...head, ...arcs].join('.');
  }

  end(): void {
    if (!this.done) throw new DerError('trailing data');
  }
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  let hex = '';
  for (const b of bytes) hex += b < 16 ? `0${b.toString(16)}` : b.toString(16);
  return hex === '' ? 0n : BigInt(`0x${hex}`);
}

/** Big-endian bytes of `value`, left-padded with zeros to `length`. */
export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (hex.length / 2 > length) throw new DerError('integer too large for its field');
  const out = new Uint8Array(length);
  const offset = length - hex.length / 2;
  for (let i = 0; i < hex.length / 2; i++) out[offset + i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

// ---- writer ----

export function derElement(tag: number, content: Uint8Array): Uint8Array {
  const length = content.length;
  let header: number[];
  if (length < 0x80) header = [tag, length];
  else {
    const lengthBytes: number[] = [];
    for (let l = length; l > 0; l = Math.floor(l / 256)) lengthBytes.unshift(l & 0xff);
    header = [tag, 0x80 | lengthBytes.length, ...lengthBytes];
  }
  const out = new Uint8Array(header.length + length);
  out.set(header);
  out.set(content, header.length);
  return out;
}

export function derSequence(...items: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const item of items) length += item.length;
  const content = new Uint8Array(length);
  let offset = 0;
  for (const item of items) {
    content.set(item, offset);
    offset += item.length;
  }
  return derElement(TAG_SEQUENCE, content);
}

export function derSmallInteger(value: number): Uint8Array {
  if (value < 0 || value > 127) throw new DerError('only small integers are written');
  return derElement(TAG_INTEGER, new Uint8Array([value]));
}

/** AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
export const RSA_ALGORITHM_IDENTIFIER = new Uint8Array([
  0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
]);
export const RSA_ENCRYPTION_OID = '1.2.840.113549.1.1.1';

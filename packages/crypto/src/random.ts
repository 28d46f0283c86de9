const POOL_SIZE = 4096;
let pool: Uint8Array = new Uint8Array(0);
let poolOffset = 0;

/**
 * Random bytes from the platform CSPRNG (Web Crypto; present on Node ≥ 20, Deno, Bun, Workers, browsers).
 * Small requests are served from a pool filled 4 KB at a time: each getRandomValues call has a fixed cost
 * that dominated sealing. Bytes handed out are wiped from the pool, so none is ever handed out twice.
 */
export function randomBytes(length: number): Uint8Array {
  if (length > 256) return freshRandomBytes(length);
  if (poolOffset + length > pool.length) {
    pool = freshRandomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  const out = pool.slice(poolOffset, poolOffset + length);
  pool.fill(0, poolOffset, poolOffset + length);
  poolOffset += length;
  return out;
}

function freshRandomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  // getRandomValues fills at most 65536 bytes per call.
  for (let offset = 0; offset < length; offset += 65536) {
    globalThis.crypto.getRandomValues(out.subarray(offset, Math.min(length, offset + 65536)));
  }
  return out;
}

/**
 * `count` characters drawn uniformly from `alphabet` (≤ 256 symbols) by rejection sampling: a byte is
 * used only when it falls below the largest multiple of the alphabet size, so there is no modulo bias.
 */
export function randomString(alphabet: string, count: number): string {
  const size = alphabet.length;
  const limit = 256 - (256 % size);
  let out = '';
  while (out.length < count) {
    const bytes = randomBytes(count * 2);
    for (let i = 0; i < bytes.length && out.length < count; i++) {
      const b = bytes[i]!;
      if (b < limit) out += alphabet[b % size]!;
    }
  }
  return out;
}

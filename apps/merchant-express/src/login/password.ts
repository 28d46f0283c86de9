import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** The staff password as configured: the text itself (STAFF_PASSWORD) or a scrypt hash of it (STAFF_PASSWORD_HASH). */
export type StaffPassword =
  | { kind: 'plain'; password: string }
  | { kind: 'scrypt'; cost: number; blockSize: number; parallelism: number; salt: Buffer; hash: Buffer };

/** Hash format: `scrypt$<N>$<r>$<p>$<salt, base64>$<hash, base64>` (what `hashPassword` writes). */
const HASH_FORMAT = /^scrypt\$(\d{1,7})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9+/]{16,}={0,2})\$([A-Za-z0-9+/]{43,}={0,2})$/;

export function parsePasswordHash(text: string): StaffPassword | undefined {
  const match = HASH_FORMAT.exec(text);
  if (match === null) return undefined;
  const [cost, blockSize, parallelism] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // N a power of two from 2^14 (weaker is not worth storing) to 2^20; memory 128·N·r stays under 1 GiB.
  if (cost < 16_384 || cost > 1_048_576 || (cost & (cost - 1)) !== 0) return undefined;
  if (blockSize < 1 || blockSize > 16 || parallelism < 1 || parallelism > 4) return undefined;
  const hash = Buffer.from(match[5]!, 'base64');
  if (hash.length < 32) return undefined;
  return { kind: 'scrypt', cost, blockSize, parallelism, salt: Buffer.from(match[4]!, 'base64'), hash };
}

function scryptOf(
  password: string,
  salt: Buffer,
  length: number,
  cost: number,
  blockSize: number,
  parallelism: number,
) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(
      password,
      salt,
      length,
      { N: cost, r: blockSize, p: parallelism, maxmem: 256 * cost * blockSize + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

/** A STAFF_PASSWORD_HASH value for `password` (scrypt, N = 2^15, r = 8, p = 1, 16-byte random salt). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptOf(password, salt, 32, 32_768, 8, 1);
  return `scrypt$32768$8$1$${salt.toString('base64')}$${hash.toString('base64')}`;
}

// Texts are compared as HMACs under a key made at start: equal-length digests for timingSafeEqual, so the time
// taken says nothing about where two texts differ, or how long the configured one is.
const comparisonKey = randomBytes(32);
const digest = (text: string) => createHmac('sha256', comparisonKey).update(text, 'utf8').digest();
export const sameText = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/** Whether `given` is the configured password; always does the full work, whatever `given` is. */
export async function passwordMatches(configured: StaffPassword, given: string): Promise<boolean> {
  if (configured.kind === 'plain') return sameText(configured.password, given);
  const { salt, hash, cost, blockSize, parallelism } = configured;
  const computed = await scryptOf(given, salt, hash.length, cost, blockSize, parallelism);
  return timingSafeEqual(computed, hash);
}

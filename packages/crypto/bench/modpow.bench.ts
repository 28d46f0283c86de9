// Micro-benchmark of the portable RSA-2048 private operation's building blocks: one 1024-bit CRT half
// (c^dp mod p) with several reduction and windowing strategies, all measured in the same run against the
// shipped modPow, plus node:crypto's whole RSA-2048 private operation as the baseline.
// Run: `npx tsx bench/modpow.bench.ts` in packages/crypto (BENCH_MS: time per sample). Prints µs of CPU per
// operation and the speed-up over the shipped code; every candidate is first checked to give the same result.
import { constants, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import { bigIntToBytes, bytesToBigInt } from '../src/keys/der.js';
import { importPrivateKey } from '../src/keys/import.js';
import { privateKeyMaterial } from '../src/keys/rsa-key.js';
import { portableProvider } from '../src/provider.js';
import { modInverse as modInverseShipped } from '../src/rsa/blinding.js';
import { modPow } from '../src/rsa/modpow.js';
import { wasmExponentiation } from './wasm-montgomery.js';

const fromB64url = (s: string) => BigInt(`0x${Buffer.from(s, 'base64url').toString('hex')}`);
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = privateKey.export({ format: 'jwk' });
const p = fromB64url(jwk.p!);
const dp = fromB64url(jwk.dp!);
const q = fromB64url(jwk.q!);
const dq = fromB64url(jwk.dq!);
const n = fromB64url(jwk.n!);
const bitLength = (x: bigint) => x.toString(2).length;

// ---- candidates ----

/** Barrett reduction with μ = ⌊4^k / m⌋ precomputed: two multiplications and shifts instead of a division. */
function barrett(m: bigint) {
  const k = BigInt(bitLength(m));
  const mu = (1n << (2n * k)) / m;
  const km1 = k - 1n;
  const kp1 = k + 1n;
  return (x: bigint) => {
    let r = x - (((x >> km1) * mu) >> kp1) * m;
    while (r >= m) r -= m;
    return r;
  };
}

/** Fixed-window exponentiation (the shipped shape) with a pluggable reduction and window width. */
function modPowWith(reduce: (x: bigint) => bigint, base: bigint, exponent: bigint, modulus: bigint, W = 5): bigint {
  base %= modulus;
  const bits = exponent.toString(2);
  const table: bigint[] = [1n, base];
  for (let i = 2; i < 1 << W; i++) table.push(reduce(table[i - 1]! * base));
  const padded = bits.padStart(Math.ceil(bits.length / W) * W, '0');
  let result = 1n;
  for (let i = 0; i < padded.length; i += W) {
    if (i > 0) for (let j = 0; j < W; j++) result = reduce(result * result);
    const digit = Number.parseInt(padded.slice(i, i + W), 2);
    if (digit !== 0) result = reduce(result * table[digit]!);
  }
  return result;
}

/** Montgomery with R = 2^k: asUintN for mod R and a shift for ÷R; three full multiplications per product. */
function montgomery(m: bigint) {
  const k = bitLength(m);
  const K = BigInt(k);
  const R = 1n << K;
  const nPrime = (R - modInverse(m % R, R)) % R; // −m⁻¹ mod R
  const redc = (t: bigint) => {
    const u = BigInt.asUintN(k, BigInt.asUintN(k, t) * nPrime);
    const r = (t + u * m) >> K;
    return r >= m ? r - m : r;
  };
  const toMont = (x: bigint) => (x << K) % m;
  return { redc, toMont };
}

function montgomeryModPow(base: bigint, exponent: bigint, m: bigint): bigint {
  const { redc, toMont } = montgomery(m);
  const bits = exponent.toString(2);
  const W = 5;
  const b = toMont(base % m);
  const table: bigint[] = [toMont(1n), b];
  for (let i = 2; i < 1 << W; i++) table.push(redc(table[i - 1]! * b));
  const padded = bits.padStart(Math.ceil(bits.length / W) * W, '0');
  let result = table[0]!;
  for (let i = 0; i < padded.length; i += W) {
    if (i > 0) for (let j = 0; j < W; j++) result = redc(result * result);
    const digit = Number.parseInt(padded.slice(i, i + W), 2);
    if (digit !== 0) result = redc(result * table[digit]!);
  }
  return redc(result);
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return oldS < 0n ? oldS + m : oldS;
}

/** Sliding window over odd powers (2^(W−1) table entries), plain `%` reduction. */
function slidingModPow(base: bigint, exponent: bigint, m: bigint, W: number): bigint {
  base %= m;
  const bits = exponent.toString(2);
  const sq = (base * base) % m;
  const odd: bigint[] = [base]; // odd[i] = base^(2i+1)
  for (let i = 1; i < 1 << (W - 1); i++) odd.push((odd[i - 1]! * sq) % m);
  let result = 1n;
  let i = 0;
  let started = false;
  while (i < bits.length) {
    if (bits[i] === '0') {
      if (started) result = (result * result) % m;
      i++;
      continue;
    }
    // The longest window of ≤ W bits starting here that ends in a 1.
    let end = Math.min(i + W, bits.length);
    while (bits[end - 1] === '0') end--;
    const value = Number.parseInt(bits.slice(i, end), 2);
    if (started) for (let j = i; j < end; j++) result = (result * result) % m;
    result = started ? (result * odd[value >> 1]!) % m : odd[value >> 1]!;
    started = true;
    i = end;
  }
  return result;
}

/**
 * Limb-based Montgomery (CIOS) in plain JS: 26-bit limbs held as doubles in a Float64Array (no Math.imul);
 * 1024-bit operands are 40 limbs. Products of two 26-bit limbs (< 2^52) are exact in a double.
 */
function limbMontgomeryModPow(base: bigint, exponent: bigint, m: bigint): bigint {
  const LIMB = 26;
  const MASK = (1 << LIMB) - 1;
  const RADIX = 2 ** LIMB;
  const L = Math.ceil(bitLength(m) / LIMB) + 0;
  const toLimbs = (x: bigint) => {
    const out = new Float64Array(L);
    for (let i = 0; i < L; i++) {
      out[i] = Number(x & BigInt(MASK));
      x >>= BigInt(LIMB);
    }
    return out;
  };
  const fromLimbs = (a: Float64Array) => {
    let x = 0n;
    for (let i = L - 1; i >= 0; i--) x = (x << BigInt(LIMB)) | BigInt(a[i]!);
    return x;
  };
  const K = BigInt(L * LIMB);
  const mL = toLimbs(m);
  // m0' = −m⁻¹ mod 2^26
  const m0inv = Number((1n << BigInt(LIMB)) - modInverse(m & BigInt(MASK), 1n << BigInt(LIMB)));
  const t = new Float64Array(L + 2);
  const mul = (a: Float64Array, b: Float64Array, out: Float64Array) => {
    t.fill(0);
    for (let i = 0; i < L; i++) {
      const ai = a[i]!;
      let carry = 0;
      for (let j = 0; j < L; j++) {
        const s = t[j]! + ai * b[j]! + carry; // < 2^53
        carry = Math.floor(s / RADIX);
        t[j] = s - carry * RADIX;
      }
      let s = t[L]! + carry;
      carry = Math.floor(s / RADIX);
      t[L] = s - carry * RADIX;
      t[L + 1] = carry;
      // u = t0 · m0' mod 2^26: both factors are below 2^26, so the product (< 2^52) is exact.
      const t0m = t[0]! * m0inv;
      const u = t0m - Math.floor(t0m / RADIX) * RADIX;
      s = t[0]! + u * mL[0]!;
      carry = Math.floor(s / RADIX);
      for (let j = 1; j < L; j++) {
        s = t[j]! + u * mL[j]! + carry;
        carry = Math.floor(s / RADIX);
        t[j - 1] = s - carry * RADIX;
      }
      s = t[L]! + carry;
      carry = Math.floor(s / RADIX);
      t[L - 1] = s - carry * RADIX;
      t[L] = t[L + 1]! + carry;
    }
    // Conditional subtraction of m.
    let geq = t[L]! > 0;
    if (!geq) {
      geq = true;
      for (let j = L - 1; j >= 0; j--) {
        if (t[j]! !== mL[j]!) {
          geq = t[j]! > mL[j]!;
          break;
        }
      }
    }
    if (geq) {
      let borrow = 0;
      for (let j = 0; j < L; j++) {
        let d = t[j]! - mL[j]! - borrow;
        borrow = d < 0 ? 1 : 0;
        if (borrow) d += RADIX;
        out[j] = d;
      }
    } else for (let j = 0; j < L; j++) out[j] = t[j]!;
  };
  const bits = exponent.toString(2);
  const W = 5;
  const table: Float64Array[] = [toLimbs((1n << K) % m), toLimbs(((base % m) << K) % m)];
  for (let i = 2; i < 1 << W; i++) {
    const e = new Float64Array(L);
    mul(table[i - 1]!, table[1]!, e);
    table.push(e);
  }
  const padded = bits.padStart(Math.ceil(bits.length / W) * W, '0');
  const result = Float64Array.from(table[0]!);
  for (let i = 0; i < padded.length; i += W) {
    if (i > 0) for (let j = 0; j < W; j++) mul(result, result, result);
    const digit = Number.parseInt(padded.slice(i, i + W), 2);
    if (digit !== 0) mul(result, table[digit]!, result);
  }
  const one = new Float64Array(L);
  one[0] = 1;
  mul(result, one, result);
  return fromLimbs(result);
}

/**
 * A second, tuned limb version: 23-bit limbs (45 for 1024 bits) so products (< 2^46) can be summed 128 at a
 * time in a double without a carry; the product is formed column by column (one carry split per column), then
 * reduced Montgomery-style with one carry per limb. About 2·45² multiply-adds per modular product.
 */
const L23 = 23;
const R23 = 2 ** L23;

function montgomeryProduct23(
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  m: Float64Array,
  m0inv: number,
  t: Float64Array,
): void {
  const L = m.length;
  let carry = 0;
  for (let k = 0; k < 2 * L - 1; k++) {
    let sum = carry;
    const from = k < L ? 0 : k - L + 1;
    const to = k < L ? k : L - 1;
    for (let j = from; j <= to; j++) sum += a[j]! * b[k - j]!;
    carry = Math.floor(sum / R23);
    t[k] = sum - carry * R23;
  }
  t[2 * L - 1] = carry;
  t[2 * L] = 0;
  for (let i = 0; i < L; i++) {
    const ti = t[i]!;
    const low = ti - Math.floor(ti / R23) * R23;
    const um = low * m0inv; // < 2^46, exact
    const u = um - Math.floor(um / R23) * R23;
    for (let j = 0; j < L; j++) t[i + j] = t[i + j]! + u * m[j]!;
    t[i + 1] = t[i + 1]! + t[i]! / R23; // t[i] is now a multiple of 2^23
  }
  carry = 0;
  for (let j = 0; j <= L; j++) {
    const v = t[L + j]! + carry;
    carry = Math.floor(v / R23);
    t[L + j] = v - carry * R23;
  }
  // t[L..2L] < 2m: subtract m once if needed.
  let geq = t[2 * L]! > 0;
  if (!geq) {
    geq = true;
    for (let j = L - 1; j >= 0; j--) {
      if (t[L + j] !== m[j]) {
        geq = t[L + j]! > m[j]!;
        break;
      }
    }
  }
  let borrow = 0;
  for (let j = 0; j < L; j++) {
    let d = t[L + j]! - (geq ? m[j]! : 0) - borrow;
    borrow = d < 0 ? 1 : 0;
    if (borrow) d += R23;
    out[j] = d;
  }
}

function limb23ModPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  const L = Math.ceil(bitLength(modulus) / L23);
  const mask = BigInt(R23 - 1);
  const toLimbs = (x: bigint) => {
    const out = new Float64Array(L);
    for (let i = 0; i < L; i++, x >>= BigInt(L23)) out[i] = Number(x & mask);
    return out;
  };
  const K = BigInt(L * L23);
  const m = toLimbs(modulus);
  const m0inv = Number(BigInt(R23) - modInverse(modulus & mask, BigInt(R23)));
  const t = new Float64Array(2 * L + 1);
  const W = 5;
  const table: Float64Array[] = [toLimbs((1n << K) % modulus), toLimbs(((base % modulus) << K) % modulus)];
  for (let i = 2; i < 1 << W; i++) {
    const entry = new Float64Array(L);
    montgomeryProduct23(table[i - 1]!, table[1]!, entry, m, m0inv, t);
    table.push(entry);
  }
  const bits = exponent.toString(2);
  const padded = bits.padStart(Math.ceil(bits.length / W) * W, '0');
  const result = Float64Array.from(table[0]!);
  for (let i = 0; i < padded.length; i += W) {
    if (i > 0) for (let j = 0; j < W; j++) montgomeryProduct23(result, result, result, m, m0inv, t);
    const digit = Number.parseInt(padded.slice(i, i + W), 2);
    if (digit !== 0) montgomeryProduct23(result, table[digit]!, result, m, m0inv, t);
  }
  const one = new Float64Array(L);
  one[0] = 1;
  montgomeryProduct23(result, one, result, m, m0inv, t);
  let x = 0n;
  for (let i = L - 1; i >= 0; i--) x = (x << BigInt(L23)) | BigInt(result[i]!);
  return x;
}

// ---- harness ----

function cpuMicros(run: () => unknown, ms: number): number {
  let ops = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() - start < ms) {
    run();
    ops++;
  }
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / ops;
}

const c = BigInt(`0x${Buffer.from(crypto.getRandomValues(new Uint8Array(256))).toString('hex')}`) % n;
const cp = c % p;
const expected = modPow(cp, dp, p);
const reduceP = barrett(p);
const remainderP = (x: bigint) => x % p;
const redcP = montgomery(p).redc;

const candidates: Array<[string, () => bigint]> = [
  ['shipped modPow (fixed 5-bit window, %)', () => modPow(cp, dp, p)],
  ['Barrett reduction, fixed 5-bit window', () => modPowWith(reduceP, cp, dp, p)],
  ['Montgomery R=2^k via asUintN, fixed 5-bit', () => montgomeryModPow(cp, dp, p)],
  ['fixed 4-bit window, %', () => modPowWith(remainderP, cp, dp, p, 4)],
  ['fixed 6-bit window, %', () => modPowWith(remainderP, cp, dp, p, 6)],
  ['sliding window W=5 (odd powers), %', () => slidingModPow(cp, dp, p, 5)],
  ['sliding window W=6 (odd powers), %', () => slidingModPow(cp, dp, p, 6)],
  ['limb CIOS Montgomery, 26-bit limbs (Float64Array)', () => limbMontgomeryModPow(cp, dp, p)],
  ['limb Montgomery, 23-bit limbs, column sums (Float64Array)', () => limb23ModPow(cp, dp, p)],
];
for (const [name, run] of candidates) {
  if (run() !== expected) throw new Error(`${name} gives a different result`);
}

const cipherBytes = Buffer.from(c.toString(16).padStart(512, '0'), 'hex');
const MS = Number(process.env.BENCH_MS ?? 1500);
const ROUNDS = 3;
const opensslPrivateOperation = () =>
  privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, cipherBytes);

/** µs per run of each candidate and of OpenSSL's whole private operation, alternating, ROUNDS samples each. */
function measureAlongsideOpenssl(runs: Array<[string, () => unknown]>) {
  const results = new Map<string, number[]>();
  const openssl: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    openssl.push(cpuMicros(opensslPrivateOperation, MS));
    for (const [name, run] of runs) results.set(name, [...(results.get(name) ?? []), cpuMicros(run, MS)]);
  }
  return { results, openssl };
}

const { results, openssl } = measureAlongsideOpenssl(candidates);
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const shipped = median(results.get(candidates[0]![0])!);
console.log(
  `\nOne 1024-bit CRT half (c^dp mod p) of RSA-2048, Node ${process.version}; µs per CPU, median of ${ROUNDS}\n`,
);
console.log('| strategy | µs | speed-up vs shipped |');
console.log('|---|---:|---:|');
for (const [name, list] of results) {
  const us = median(list);
  console.log(`| ${name} | ${us.toFixed(0)} | ${(shipped / us).toFixed(2)}× |`);
}
console.log(
  `| node:crypto: a whole RSA-2048 private operation (both halves + CRT) | ${median(openssl).toFixed(0)} | — |`,
);

// ---- both halves: BigInt next to WebAssembly kernels (bench/wasm-montgomery.ts), one lane or two ----

const cq = c % q;
const expectedQ = modPow(cq, dq, q);
const wasm = await wasmExponentiation(Math.ceil(Math.max(bitLength(p), bitLength(q)) / 32));
const halves: Array<[string, () => [bigint, bigint]]> = [
  ['shipped modPow, BigInt, one half after the other', () => [modPow(cp, dp, p), modPow(cq, dq, q)]],
  ['WebAssembly i64, 32-bit limbs, one half after the other', () => [wasm.modPow(cp, dp, p), wasm.modPow(cq, dq, q)]],
  ['WebAssembly SIMD, both halves in two i64x2 lanes', () => wasm.modPowPair(cp, dp, p, cq, dq, q)],
];
for (const [name, run] of halves) {
  const [x, y] = run();
  if (x !== expected || y !== expectedQ) throw new Error(`${name} gives a different result`);
}
const { results: halvesResults, openssl: opensslWhole } = measureAlongsideOpenssl(halves);
const shippedHalves = median(halvesResults.get(halves[0]![0])!);
const wholeOpenssl = median(opensslWhole);
console.log('\n| both CRT halves of RSA-2048 | µs | speed-up vs shipped | node:crypto whole operation ÷ this |');
console.log('|---|---:|---:|---:|');
for (const [name, list] of halvesResults) {
  const us = median(list);
  console.log(
    `| ${name} | ${us.toFixed(0)} | ${(shippedHalves / us).toFixed(2)}× | ${(wholeOpenssl / us).toFixed(2)}× |`,
  );
}
console.log(
  `| node:crypto: a whole RSA-2048 private operation (both halves + CRT) | ${wholeOpenssl.toFixed(0)} | — | 1× |`,
);
const perProduct: Array<[string, () => unknown]> = [
  ['WebAssembly i64: one 1024-bit Montgomery product', wasm.productTimers.scalar],
  ['WebAssembly SIMD: two 1024-bit Montgomery products (one per lane)', wasm.productTimers.dual],
];

// ---- around the exponentiation: the whole portable private operation and its side costs ----

const handle = await importPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
const material = privateKeyMaterial(handle);
const around: Array<[string, () => unknown]> = [
  [
    'whole portable rawPrivateOperation (blinded, CRT)',
    () => portableProvider.rawPrivateOperation(material, cipherBytes),
  ],
  ['bytes → bigint (256 B)', () => bytesToBigInt(cipherBytes)],
  ['bigint → bytes (256 B)', () => bigIntToBytes(c, 256)],
  ['fresh blinding pair: modInverse(r, n) (2048-bit)', () => modInverseShipped(c, n)],
  ['fresh blinding pair: r^e mod n (e = 65537)', () => modPow(c, material.e, n)],
  [
    'per-use blinding: 4 products mod n (blind, unblind, square both)',
    () => {
      const b = (c * c) % n;
      return ((b * c) % n) + ((c * b) % n) + ((b * b) % n);
    },
  ],
];
console.log('\n| around the exponentiation (RSA-2048) | µs |');
console.log('|---|---:|');
for (const [name, run] of around) {
  run();
  const list: number[] = [];
  for (let round = 0; round < ROUNDS; round++) list.push(cpuMicros(run, MS / 2));
  console.log(`| ${name} | ${median(list).toFixed(1)} |`);
}

// ---- the floor: one modular product costs a BigInt multiplication plus a reduction ----

const a = (c * 3n) % p;
const b = (c * 5n) % p;
const product = a * b;
const primitives: Array<[string, () => unknown]> = [
  ...perProduct,
  ['1024 × 1024-bit BigInt multiplication', () => a * b],
  ['2048-bit % 1024-bit (V8 division)', () => product % p],
  ['2048-bit Barrett reduction (two multiplications)', () => reduceP(product)],
  ['2048-bit Montgomery REDC via asUintN (two multiplications, result ·R⁻¹)', () => redcP(product)],
];
console.log('\n| primitive, 1024-bit modulus | ns |');
console.log('|---|---:|');
for (const [name, run] of primitives) {
  const list: number[] = [];
  for (let round = 0; round < ROUNDS; round++) list.push(cpuMicros(run, MS / 4) * 1000);
  console.log(`| ${name} | ${median(list).toFixed(0)} |`);
}
const exponentBits = dp.toString(2).length;
console.log(
  `\nA ${exponentBits}-bit exponent with a fixed 5-bit window takes ${exponentBits - 1} squarings and ≈ ` +
    `${Math.ceil(exponentBits / 5) + 30} multiplications, each a product plus a reduction.`,
);

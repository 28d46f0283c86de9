// WebAssembly Montgomery exponentiation, measured by modpow.bench.ts against the shipped BigInt modPow.
// Bench-only: the kernels are generated as WebAssembly text here and assembled with wabt at start-up. They
// answer one question with a number: would shipping WebAssembly bignums bring the portable RSA private
// operation to the target? Both kernels are constant time in their operation sequence and memory accesses
// (fixed window without skipping zero digits, table entries chosen by masks, final subtraction by mask).
//
// Numbers are S little-endian 32-bit limbs. The products 32 × 32 → 64 bits run in i64 (scalar kernel) or in
// i64x2 lanes (SIMD kernel), fused CIOS: each outer step multiplies and reduces in one pass, so a limb sum
// a·b + t + carry never exceeds 2^64 − 1.
import initWabt from 'wabt';

const MASK64 = '(i64.const 0xffffffff)';
const MASK_LANES = '(v128.const i64x2 0xffffffff 0xffffffff)';
const get = (name: string) => `(local.get $${name})`;

/** One lane: out = a·b·R⁻¹ mod n, R = 2^(32S). Limb j of a number at byte 4j. */
function scalarKernel(S: number): string {
  const lines: string[] = [];
  const emit = (line: string) => lines.push(line);
  const loadLimb = (pointer: string, j: number) => `(i64.load32_u offset=${4 * j} ${get(pointer)})`;
  emit('(func $montMul (export "montMul") (param $out i32) (param $pa i32) (param $pb i32) (param $pn i32)');
  emit('  (param $n0inv i64)');
  emit(`  (local $bi i64) (local $m i64) (local $s i64) (local $c1 i64) (local $c2 i64) (local $i i32)`);
  for (let k = 0; k <= S; k++) emit(`  (local $t${k} i64)`);
  emit('  (loop $outer');
  emit(`  (local.set $bi (i64.load32_u (i32.add ${get('pb')} (i32.shl ${get('i')} (i32.const 2)))))`);
  emit(`  (local.set $s (i64.add ${get('t0')} (i64.mul ${loadLimb('pa', 0)} ${get('bi')})))`);
  emit(`  (local.set $c1 (i64.shr_u ${get('s')} (i64.const 32)))`);
  emit(`  (local.set $s (i64.and ${get('s')} ${MASK64}))`);
  emit(`  (local.set $m (i64.and (i64.mul ${get('s')} ${get('n0inv')}) ${MASK64}))`);
  emit(`  (local.set $c2 (i64.shr_u (i64.add ${get('s')} (i64.mul ${loadLimb('pn', 0)} ${get('m')})) (i64.const 32)))`);
  for (let j = 1; j < S; j++) {
    emit(
      `  (local.set $s (i64.add (i64.add ${get(`t${j}`)} (i64.mul ${loadLimb('pa', j)} ${get('bi')})) ${get('c1')}))`,
    );
    emit(`  (local.set $c1 (i64.shr_u ${get('s')} (i64.const 32)))`);
    emit(
      `  (local.set $s (i64.add (i64.add (i64.and ${get('s')} ${MASK64}) (i64.mul ${loadLimb('pn', j)} ${get('m')})) ${get('c2')}))`,
    );
    emit(`  (local.set $c2 (i64.shr_u ${get('s')} (i64.const 32)))`);
    emit(`  (local.set $t${j - 1} (i64.and ${get('s')} ${MASK64}))`);
  }
  emit(`  (local.set $s (i64.add (i64.add ${get(`t${S}`)} ${get('c1')}) ${get('c2')}))`);
  emit(`  (local.set $t${S - 1} (i64.and ${get('s')} ${MASK64}))`);
  emit(`  (local.set $t${S} (i64.shr_u ${get('s')} (i64.const 32)))`);
  emit(`  (local.set $i (i32.add ${get('i')} (i32.const 1)))`);
  emit(`  (br_if $outer (i32.lt_u ${get('i')} (i32.const ${S}))))`);
  // t < 2n: write t − n, then keep t instead where the subtraction borrowed past the top limb.
  emit('  (local.set $c1 (i64.const 0))');
  for (let j = 0; j < S; j++) {
    emit(`  (local.set $s (i64.sub (i64.sub ${get(`t${j}`)} ${loadLimb('pn', j)}) ${get('c1')}))`);
    emit(`  (i64.store32 offset=${4 * j} ${get('out')} ${get('s')})`);
    emit(`  (local.set $c1 (i64.shr_u ${get('s')} (i64.const 63)))`);
  }
  emit(`  (local.set $m (i64.shr_s (i64.sub ${get(`t${S}`)} ${get('c1')}) (i64.const 63)))`);
  for (let j = 0; j < S; j++) {
    const keep = `(i64.and ${get(`t${j}`)} ${get('m')})`;
    const reduced = `(i64.and ${loadLimb('out', j)} (i64.xor ${get('m')} (i64.const -1)))`;
    emit(`  (i64.store32 offset=${4 * j} ${get('out')} (i64.or ${keep} ${reduced}))`);
  }
  emit(')');
  return lines.join('\n');
}

/**
 * Two lanes at once, one CRT half each (as OpenSSL's AVX-512 code runs both halves together). Limb j of a
 * number pair at byte 8j: [lane 0, lane 1] as two u32. extmul_low multiplies the two u32 lanes 0 and 1 of
 * its operands into two u64 products.
 */
function dualKernel(S: number): string {
  const lines: string[] = [];
  const emit = (line: string) => lines.push(line);
  const loadPair = (pointer: string, j: number) => `(v128.load64_zero offset=${8 * j} ${get(pointer)})`;
  const widen = (pointer: string, j: number) => `(v128.load32x2_u offset=${8 * j} ${get(pointer)})`;
  const product = (x: string, y: string) => `(i64x2.extmul_low_i32x4_u ${x} ${y})`;
  const lowHalves = (v: string) => `(i8x16.shuffle 0 1 2 3 8 9 10 11 0 1 2 3 8 9 10 11 ${v} ${v})`;
  const storePair = (j: number, v: string) => `(v128.store64_lane offset=${8 * j} 0 ${get('out')} ${lowHalves(v)})`;
  emit('(func $montMul2 (export "montMul2") (param $out i32) (param $pa i32) (param $pb i32) (param $pn i32)');
  emit('  (param $pn0 i32)');
  emit('  (local $bi v128) (local $m v128) (local $s v128) (local $c1 v128) (local $c2 v128) (local $n0 v128)');
  emit('  (local $i i32)');
  for (let k = 0; k <= S; k++) emit(`  (local $t${k} v128)`);
  emit(`  (local.set $n0 ${loadPair('pn0', 0)})`);
  emit('  (loop $outer');
  emit(`  (local.set $bi (v128.load64_zero (i32.add ${get('pb')} (i32.shl ${get('i')} (i32.const 3)))))`);
  emit(`  (local.set $s (i64x2.add ${get('t0')} ${product(loadPair('pa', 0), get('bi'))}))`);
  emit(`  (local.set $c1 (i64x2.shr_u ${get('s')} (i32.const 32)))`);
  emit(`  (local.set $s (v128.and ${get('s')} ${MASK_LANES}))`);
  emit(`  (local.set $m ${lowHalves(product(lowHalves(get('s')), get('n0')))})`);
  emit(
    `  (local.set $c2 (i64x2.shr_u (i64x2.add ${get('s')} ${product(loadPair('pn', 0), get('m'))}) (i32.const 32)))`,
  );
  for (let j = 1; j < S; j++) {
    emit(
      `  (local.set $s (i64x2.add (i64x2.add ${get(`t${j}`)} ${product(loadPair('pa', j), get('bi'))}) ${get('c1')}))`,
    );
    emit(`  (local.set $c1 (i64x2.shr_u ${get('s')} (i32.const 32)))`);
    emit(
      `  (local.set $s (i64x2.add (i64x2.add (v128.and ${get('s')} ${MASK_LANES}) ${product(loadPair('pn', j), get('m'))}) ${get('c2')}))`,
    );
    emit(`  (local.set $c2 (i64x2.shr_u ${get('s')} (i32.const 32)))`);
    emit(`  (local.set $t${j - 1} (v128.and ${get('s')} ${MASK_LANES}))`);
  }
  emit(`  (local.set $s (i64x2.add (i64x2.add ${get(`t${S}`)} ${get('c1')}) ${get('c2')}))`);
  emit(`  (local.set $t${S - 1} (v128.and ${get('s')} ${MASK_LANES}))`);
  emit(`  (local.set $t${S} (i64x2.shr_u ${get('s')} (i32.const 32)))`);
  emit(`  (local.set $i (i32.add ${get('i')} (i32.const 1)))`);
  emit(`  (br_if $outer (i32.lt_u ${get('i')} (i32.const ${S}))))`);
  emit('  (local.set $c1 (v128.const i64x2 0 0))');
  for (let j = 0; j < S; j++) {
    emit(`  (local.set $s (i64x2.sub (i64x2.sub ${get(`t${j}`)} ${widen('pn', j)}) ${get('c1')}))`);
    emit(`  ${storePair(j, get('s'))}`);
    emit(`  (local.set $c1 (i64x2.shr_u ${get('s')} (i32.const 63)))`);
  }
  emit(`  (local.set $m (i64x2.shr_s (i64x2.sub ${get(`t${S}`)} ${get('c1')}) (i32.const 63)))`);
  for (let j = 0; j < S; j++)
    emit(`  ${storePair(j, `(v128.bitselect ${get(`t${j}`)} ${widen('out', j)} ${get('m')})`)}`);
  emit(')');
  // out ← table[digit0] in lane 0 and table[digit1] in lane 1, reading every entry.
  emit('(func $select2 (export "select2") (param $out i32) (param $table i32) (param $entries i32)');
  emit('  (param $digit0 i64) (param $digit1 i64)');
  emit('  (local $k i32) (local $entry i32) (local $want v128) (local $mask v128)');
  emit(`  (local.set $want (i64x2.replace_lane 1 (i64x2.splat ${get('digit0')}) ${get('digit1')}))`);
  for (let j = 0; j < S; j++) emit(`  (v128.store64_lane offset=${8 * j} 0 ${get('out')} (v128.const i64x2 0 0))`);
  emit('  (loop $scan');
  emit(`  (local.set $mask ${lowHalves(`(i64x2.eq ${get('want')} (i64x2.splat (i64.extend_i32_u ${get('k')})))`)})`);
  emit(`  (local.set $entry (i32.add ${get('table')} (i32.mul ${get('k')} (i32.const ${8 * S}))))`);
  for (let j = 0; j < S; j++) {
    const picked = `(v128.and ${get('mask')} (v128.load64_zero offset=${8 * j} ${get('entry')}))`;
    emit(
      `  (v128.store64_lane offset=${8 * j} 0 ${get('out')} (v128.or (v128.load64_zero offset=${8 * j} ${get('out')}) ${picked}))`,
    );
  }
  emit(`  (local.set $k (i32.add ${get('k')} (i32.const 1)))`);
  emit(`  (br_if $scan (i32.lt_u ${get('k')} ${get('entries')})))`);
  emit(')');
  return lines.join('\n');
}

interface Kernels {
  memory: WebAssembly.Memory;
  montMul(out: number, a: number, b: number, n: number, n0inv: bigint): void;
  montMul2(out: number, a: number, b: number, n: number, n0: number): void;
  select2(out: number, table: number, entries: number, digit0: bigint, digit1: bigint): void;
}

async function instantiate(S: number): Promise<Kernels> {
  const wabt = await initWabt();
  const text = `(module (memory (export "memory") 2)\n${scalarKernel(S)}\n${dualKernel(S)}\n)`;
  const { buffer } = wabt.parseWat('montgomery.wat', text, { simd: true }).toBinary({});
  const instance = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(buffer)));
  return instance.exports as unknown as Kernels;
}

/** −m⁻¹ mod 2^32 by Newton's iteration (each step doubles the correct low bits). */
function negativeInverse32(m: bigint): bigint {
  const low = m & 0xffffffffn;
  let inverse = 1n;
  for (let step = 0; step < 5; step++) inverse = (inverse * (2n - low * inverse)) & 0xffffffffn;
  return -inverse & 0xffffffffn;
}

const WINDOW = 5;

/** Exponentiation with the kernels for moduli of up to 32·S bits; one call serves one pair of halves. */
export async function wasmExponentiation(S: number) {
  const kernels = await instantiate(S);
  const words = new Uint32Array(kernels.memory.buffer);
  const R = 1n << BigInt(32 * S);
  // Slots of S limbs (scalar) or S limb pairs (dual); the dual layout is twice as wide.
  const scalarSlot = (k: number) => k * 4 * S;
  const dualSlot = (k: number) => k * 8 * S;
  const writeScalar = (slot: number, x: bigint) => {
    for (let j = 0; j < S; j++, x >>= 32n) words[scalarSlot(slot) / 4 + j] = Number(x & 0xffffffffn);
  };
  const readScalar = (slot: number) => {
    let x = 0n;
    for (let j = S - 1; j >= 0; j--) x = (x << 32n) | BigInt(words[scalarSlot(slot) / 4 + j]!);
    return x;
  };
  const writeLane = (slot: number, lane: number, x: bigint) => {
    for (let j = 0; j < S; j++, x >>= 32n) words[dualSlot(slot) / 4 + 2 * j + lane] = Number(x & 0xffffffffn);
  };
  const readLane = (slot: number, lane: number) => {
    let x = 0n;
    for (let j = S - 1; j >= 0; j--) x = (x << 32n) | BigInt(words[dualSlot(slot) / 4 + 2 * j + lane]!);
    return x;
  };
  const windows = (exponent: bigint, length: number) => {
    const bits = exponent.toString(2).padStart(length, '0');
    return Array.from({ length: length / WINDOW }, (_, i) =>
      Number.parseInt(bits.slice(i * WINDOW, (i + 1) * WINDOW), 2),
    );
  };
  const windowedLength = (...exponents: bigint[]) =>
    Math.ceil(Math.max(...exponents.map((e) => e.toString(2).length)) / WINDOW) * WINDOW;

  /** base^exponent mod m, one lane; every window multiplies (digit 0 picks R mod m, Montgomery's one). */
  function modPow(base: bigint, exponent: bigint, m: bigint): bigint {
    const [N, ACC, ONE, TABLE] = [0, 1, 2, 3];
    const n0inv = negativeInverse32(m);
    const at = (slot: number) => scalarSlot(slot);
    writeScalar(N, m);
    writeScalar(TABLE, R % m);
    writeScalar(TABLE + 1, ((base % m) * R) % m);
    for (let d = 2; d < 1 << WINDOW; d++)
      kernels.montMul(at(TABLE + d), at(TABLE + d - 1), at(TABLE + 1), at(N), n0inv);
    writeScalar(ACC, R % m);
    windows(exponent, windowedLength(exponent)).forEach((digit, i) => {
      if (i > 0) for (let k = 0; k < WINDOW; k++) kernels.montMul(at(ACC), at(ACC), at(ACC), at(N), n0inv);
      kernels.montMul(at(ACC), at(ACC), at(TABLE + digit), at(N), n0inv);
    });
    writeScalar(ONE, 1n);
    kernels.montMul(at(ACC), at(ACC), at(ONE), at(N), n0inv);
    return readScalar(ACC);
  }

  /** [b0^e0 mod m0, b1^e1 mod m1] in the two lanes of the SIMD kernel, the table read by masks. */
  function modPowPair(b0: bigint, e0: bigint, m0: bigint, b1: bigint, e1: bigint, m1: bigint): [bigint, bigint] {
    const [N, N0, ACC, ONE, PICKED, TABLE] = [0, 1, 2, 3, 4, 5];
    const at = (slot: number) => dualSlot(slot);
    for (const [lane, base, m] of [
      [0, b0, m0],
      [1, b1, m1],
    ] as const) {
      writeLane(N, lane, m);
      writeLane(N0, lane, negativeInverse32(m));
      writeLane(TABLE, lane, R % m);
      writeLane(TABLE + 1, lane, ((base % m) * R) % m);
      writeLane(ACC, lane, R % m);
      writeLane(ONE, lane, 1n);
    }
    for (let d = 2; d < 1 << WINDOW; d++)
      kernels.montMul2(at(TABLE + d), at(TABLE + d - 1), at(TABLE + 1), at(N), at(N0));
    const length = windowedLength(e0, e1);
    const digits1 = windows(e1, length);
    windows(e0, length).forEach((digit0, i) => {
      if (i > 0) for (let k = 0; k < WINDOW; k++) kernels.montMul2(at(ACC), at(ACC), at(ACC), at(N), at(N0));
      kernels.select2(at(PICKED), at(TABLE), 1 << WINDOW, BigInt(digit0), BigInt(digits1[i]!));
      kernels.montMul2(at(ACC), at(ACC), at(PICKED), at(N), at(N0));
    });
    kernels.montMul2(at(ACC), at(ACC), at(ONE), at(N), at(N0));
    return [readLane(ACC, 0), readLane(ACC, 1)];
  }

  /** One Montgomery product of whatever sits in the accumulator slots, for the per-product timing. */
  const productTimers = {
    scalar: () => kernels.montMul(scalarSlot(1), scalarSlot(1), scalarSlot(1), scalarSlot(0), 1n),
    dual: () => kernels.montMul2(dualSlot(2), dualSlot(2), dualSlot(2), dualSlot(0), dualSlot(1)),
  };
  return { modPow, modPowPair, productTimers };
}

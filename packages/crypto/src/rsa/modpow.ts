/**
 * Modular exponentiation over BigInt with a fixed 5-bit window (1-bit for short exponents): about n squarings
 * plus n/5 multiplications for an n-bit exponent. BigInt arithmetic is not constant time; see the README's notes on the portable path.
 */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus === 1n) return 0n;
  base %= modulus;
  const bits = exponent.toString(2);
  // A short exponent (the public e = 65537) is cheaper bit by bit than with a 32-entry table.
  const WINDOW = bits.length <= 64 ? 1 : 5;
  const table: bigint[] = [1n, base];
  for (let i = 2; i < 1 << WINDOW; i++) table.push((table[i - 1]! * base) % modulus);
  // Left-pad the exponent's bits to a whole number of windows, then walk window by window.
  const padded = bits.padStart(Math.ceil(bits.length / WINDOW) * WINDOW, '0');
  let result = 1n;
  for (let i = 0; i < padded.length; i += WINDOW) {
    if (i > 0) for (let j = 0; j < WINDOW; j++) result = (result * result) % modulus;
    const digit = Number.parseInt(padded.slice(i, i + WINDOW), 2);
    if (digit !== 0) result = (result * table[digit]!) % modulus;
  }
  return result;
}

// Pieces of the node:crypto baseline the envelope benches share: the same protocol steps, written natively.

/** The signed string: every field but `sign`, sorted by name, `name=value` joined by `&`. */
export function canonical(fields: Record<string, string | number>): string {
  return Object.keys(fields)
    .filter((k) => k !== 'sign')
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&');
}

/** PKCS#1 v1.5 type-2 unpadding of a raw RSA block (node refuses RSA_PKCS1_PADDING for decryption). */
export function unpad(em: Buffer): Buffer {
  let good = (em[0] === 0 ? 1 : 0) & (em[1] === 2 ? 1 : 0);
  let sep = 0;
  for (let i = 2; i < em.length; i++) if (sep === 0 && em[i] === 0) sep = i;
  good &= sep >= 10 ? 1 : 0;
  if (!good) throw new Error('decrypt');
  return em.subarray(sep + 1);
}

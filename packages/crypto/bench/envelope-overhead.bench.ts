// The JavaScript around the RSA calls of openResponse (Node provider, merchant and ET RSA-1024, the ≈ 1 KB
// payload of envelope.bench.ts) next to a node:crypto open doing the same steps, in the same run. STUB=both
// (default) replaces the RSA private operation and the signature check by their precomputed results on both
// sides, STUB=rsa / STUB=verify only one of them, STUB=none neither. Reports the least CPU µs per open over
// BENCH_ROUNDS rounds of BENCH_N opens each: on a shared machine the least-disturbed round is the comparable one.
// Run: `pnpm bench:overhead`.
import {
  constants,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  createVerify,
  privateDecrypt,
} from 'node:crypto';
import { readSpecText } from '@etkit/spec';
import { importPrivateKey, importPublicKey, openResponse, sealResponse } from '../src/index.js';
import { nodeProvider } from '../src/node/provider.js';
import { setCryptoProvider } from '../src/provider.js';
import { canonical, unpad } from './node-baseline-steps.js';

const STUB = process.env.STUB ?? 'both';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const N = Number(process.env.BENCH_N ?? 1000);
const stubRsa = STUB === 'both' || STUB === 'rsa';
const stubVerify = STUB === 'both' || STUB === 'verify';

const vectors = JSON.parse(readSpecText('vectors.json'));
const merchant = vectors.keys.merchant_1024;
const et = vectors.keys.et_1024;
setCryptoProvider(nodeProvider);
const merchantPrivate = await importPrivateKey(merchant.private_pkcs8_pem);
const merchantPublic = await importPublicKey(merchant.public_spki_pem);
const etPrivate = await importPrivateKey(et.private_pkcs8_pem);
const etPublic = await importPublicKey(et.public_spki_pem);
const sensitive = vectors.create_order_plaintext.sensitive;
const payload = {
  ...sensitive,
  remark: 'x'.repeat(Math.max(0, 1024 - Buffer.byteLength(JSON.stringify(sensitive)) - 12)),
};
const body = JSON.stringify(
  await sealResponse({}, { sensitive: [payload], etPrivateKey: etPrivate, merchantPublicKey: merchantPublic }),
);
const native = {
  merchantPrivate: createPrivateKey(merchant.private_pkcs8_pem),
  etPublic: createPublicKey(et.public_spki_pem),
};
const encodedKey = privateDecrypt(
  { key: native.merchantPrivate, padding: constants.RSA_NO_PADDING },
  Buffer.from(JSON.parse(body).aeskey, 'base64'),
);
const encodedKeyBytes = new Uint8Array(encodedKey);
setCryptoProvider({
  ...nodeProvider,
  name: `node-crypto, stub=${STUB}`,
  ...(stubRsa ? { rawPrivateOperation: () => encodedKeyBytes } : {}),
  ...(stubVerify ? { verify: () => true } : {}),
});

function nativeOpen() {
  const fields = JSON.parse(body);
  const text = canonical(fields);
  const signature = Buffer.from(fields.sign, 'base64');
  if (!stubVerify && !createVerify('sha256').update(text).verify(native.etPublic, signature)) throw new Error('sig');
  const wrapped = Buffer.from(fields.aeskey, 'base64');
  const raw = stubRsa
    ? encodedKey
    : privateDecrypt({ key: native.merchantPrivate, padding: constants.RSA_NO_PADDING }, wrapped);
  const aesKey = unpad(raw);
  const decipher = createDecipheriv('aes-128-cbc', aesKey, aesKey);
  const plain = Buffer.concat([decipher.update(Buffer.from(fields.sensitive_data, 'base64')), decipher.final()]);
  return { data: JSON.parse(fields.data), sensitive: JSON.parse(plain.toString('utf8')) };
}

const etkitOpen = () => openResponse(body, { etPublicKey: etPublic, merchantPrivateKey: merchantPrivate });

/** Least CPU µs per call over the rounds. */
async function leastCost(run: () => unknown): Promise<number> {
  let least = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < N; i++) {
      const result = run();
      if (result instanceof Promise) await result;
    }
    const used = process.cpuUsage(start);
    least = Math.min(least, (used.user + used.system) / N);
  }
  return least;
}

await leastCost(etkitOpen); // warm up
await leastCost(nativeOpen);
const etkit = await leastCost(etkitOpen);
const baseline = await leastCost(nativeOpen);
console.log(
  `open, stub=${STUB}: etkit ${etkit.toFixed(1)} µs, node:crypto ${baseline.toFixed(1)} µs, ` +
    `extra ${(etkit - baseline).toFixed(1)} µs, ratio ${(baseline / etkit).toFixed(3)}`,
);

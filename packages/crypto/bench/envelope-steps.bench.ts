// Where the fixed cost of sealing and opening goes: CPU time of each step of sealRequest / openResponse (Node
// provider, merchant and ET RSA-1024, the ≈ 1 KB payload of envelope.bench.ts) next to the node:crypto step that
// does the same work, in the same run. Run: `pnpm bench:steps` (BENCH_MS per step, default 300).
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
} from 'node:crypto';
import { readSpecText } from '@etkit/spec';
import { generateAesKey } from '../src/aes.js';
import { base64Decode, base64Encode, utf8Encode } from '../src/bytes.js';
import { canonicalString } from '../src/canonical.js';
import { readWireFields, safeDetails } from '../src/envelope/wire-fields.js';
import {
  importPrivateKey,
  importPublicKey,
  openResponse,
  parseJsonLossless,
  sealRequest,
  sealResponse,
} from '../src/index.js';
import { privateKeyMaterial, publicKeyMaterial } from '../src/keys/rsa-key.js';
import { nodeProvider } from '../src/node/provider.js';
import { resolveProfile } from '../src/profile.js';
import { setCryptoProvider } from '../src/provider.js';
import { pkcs1v15Decrypt, pkcs1v15Encrypt } from '../src/rsa/pkcs1-v1_5.js';
import { rsaSign, rsaVerify } from '../src/rsa/signature.js';

setCryptoProvider(nodeProvider);
const DURATION_MS = Number(process.env.BENCH_MS ?? 300);
const vectors = JSON.parse(readSpecText('vectors.json'));
const merchant = vectors.keys.merchant_1024;
const et = vectors.keys.et_1024;
const merchantPrivate = await importPrivateKey(merchant.private_pkcs8_pem);
const merchantPublic = await importPublicKey(merchant.public_spki_pem);
const etPrivate = await importPrivateKey(et.private_pkcs8_pem);
const etPublic = await importPublicKey(et.public_spki_pem);
const native = {
  merchantPrivate: createPrivateKey(merchant.private_pkcs8_pem),
  etPublic: createPublicKey(et.public_spki_pem),
};
const sensitive = vectors.create_order_plaintext.sensitive;
const payload = { ...sensitive, remark: 'x'.repeat(Math.max(0, 1024 - JSON.stringify(sensitive).length - 12)) };
const fields = {
  server_type: 'add_special_rent_order',
  merchant_number: 'ET82009',
  sub_merchant_number: 'ET82009S001',
};
const body = JSON.stringify(
  await sealResponse(
    {},
    { sensitive: [payload], etPrivateKey: etPrivate, merchantPublicKey: merchantPublic, aesKey: 'k3Y0fTh1sB3nch00' },
  ),
);
const parsed = JSON.parse(body);
const wire = readWireFields(body);
const aesKey = utf8Encode('k3Y0fTh1sB3nch00');
const plaintext = JSON.stringify([payload]);
const ciphertext = base64Decode(parsed.sensitive_data);
const canonical = canonicalString(wire);
const signature = base64Decode(parsed.sign);
const wrapped = base64Decode(parsed.aeskey);

/** CPU microseconds per call, over about DURATION_MS of wall time. */
async function cost(run: () => unknown): Promise<number> {
  for (let i = 0; i < 200; i++) await run();
  let ops = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < DURATION_MS) {
    for (let i = 0; i < 20; i++) {
      const result = run();
      if (result instanceof Promise) await result;
    }
    ops += 20;
  }
  const cpu = process.cpuUsage(cpuStart);
  return (cpu.user + cpu.system) / ops;
}

const wholeOpen = () => openResponse(body, { etPublicKey: etPublic, merchantPrivateKey: merchantPrivate });
const wholeSeal = () =>
  sealRequest(fields, { sensitive: payload, merchantPrivateKey: merchantPrivate, etPublicKey: etPublic });
const steps: Array<[string, () => unknown, (() => unknown) | undefined]> = [
  ['open: whole (first)', wholeOpen, undefined],
  ['open: parse body (keeps wire text) / JSON.parse', () => readWireFields(body), () => JSON.parse(body)],
  ['open: resolveProfile + safeDetails', () => safeDetails(wire) && resolveProfile(undefined), undefined],
  ['open: canonical string', () => canonicalString(wire), undefined],
  [
    'open: RSA verify (text) / createVerify',
    () => rsaVerify(publicKeyMaterial(etPublic), 'SHA-256', canonical, signature),
    () => createVerify('sha256').update(canonical).verify(native.etPublic, parsed.sign, 'base64'),
  ],
  [
    'open: base64 sign + aeskey + sensitive_data',
    () => [base64Decode(parsed.sign), base64Decode(parsed.aeskey), base64Decode(parsed.sensitive_data)],
    () => [
      Buffer.from(parsed.sign, 'base64'),
      Buffer.from(parsed.aeskey, 'base64'),
      Buffer.from(parsed.sensitive_data, 'base64'),
    ],
  ],
  [
    'open: RSA unwrap (raw + unpad) / privateDecrypt NO_PADDING',
    () => pkcs1v15Decrypt(privateKeyMaterial(merchantPrivate), wrapped),
    () => privateDecrypt({ key: native.merchantPrivate, padding: constants.RSA_NO_PADDING }, wrapped),
  ],
  [
    'open: AES decrypt / createDecipheriv',
    () => nodeProvider.aesCbcDecrypt(aesKey, ciphertext),
    () => {
      const d = createDecipheriv('aes-128-cbc', aesKey, aesKey);
      return Buffer.concat([d.update(ciphertext), d.final()]);
    },
  ],
  ['open: parse payload (lossless) / JSON.parse', () => parseJsonLossless(plaintext), () => JSON.parse(plaintext)],
  ['open: await of a resolved async call', async () => await (async () => 1)(), () => 1],
  ['seal: whole (first)', wholeSeal, undefined],
  [
    'seal: JSON + UTF-8 of payload',
    () => utf8Encode(JSON.stringify(payload)),
    () => Buffer.from(JSON.stringify(payload)),
  ],
  [
    'seal: AES encrypt / createCipheriv',
    () => nodeProvider.aesCbcEncrypt(aesKey, utf8Encode(plaintext)),
    () => {
      const c = createCipheriv('aes-128-cbc', aesKey, aesKey);
      return Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
    },
  ],
  ['seal: AES key / randomBytes(16)', () => generateAesKey('alphanumeric'), () => randomBytes(16)],
  [
    'seal: RSA wrap / publicEncrypt PKCS1',
    () => pkcs1v15Encrypt(publicKeyMaterial(etPublic), aesKey),
    () => publicEncrypt({ key: native.etPublic, padding: constants.RSA_PKCS1_PADDING }, aesKey),
  ],
  ['seal: base64 of ciphertext', () => base64Encode(ciphertext), () => Buffer.from(ciphertext).toString('base64')],
  [
    'seal: RSA sign (text) / createSign',
    () => rsaSign(privateKeyMaterial(merchantPrivate), 'SHA-256', canonical),
    () => createSign('sha256').update(canonical).sign(native.merchantPrivate, 'base64'),
  ],
  ['open: whole', wholeOpen, undefined],
  ['seal: whole', wholeSeal, undefined],
];

console.log(`| step | etkit µs CPU | node:crypto µs CPU |\n|---|---:|---:|`);
for (const [name, etkit, baseline] of steps) {
  const a = await cost(etkit);
  const b = baseline ? await cost(baseline) : undefined;
  console.log(`| ${name} | ${a.toFixed(2)} | ${b === undefined ? '' : b.toFixed(2)} |`);
}

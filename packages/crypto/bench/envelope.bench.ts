// Throughput of @etkit/crypto next to a node:crypto baseline doing the same work, measured in the same run.
// Run: `pnpm bench` (tsx). Prints ops/s and the ratio etkit / baseline for each operation.
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  type KeyObject,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { cpus } from 'node:os';
import { readSpecText } from '@etkit/spec';
import {
  importPrivateKey,
  importPublicKey,
  openResponse,
  type RsaPrivateKey,
  type RsaPublicKey,
  sealRequest,
  sealResponse,
  verifyNotification,
} from '../src/index.js';
import { nodeProvider } from '../src/node/provider.js';
import { portableProvider, setCryptoProvider } from '../src/provider.js';
import { canonical, unpad } from './node-baseline-steps.js';

const vectors = JSON.parse(readSpecText('vectors.json'));
const DURATION_MS = Number(process.env.BENCH_MS ?? 2500);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
// BENCH_ONLY=<regular expression> runs only the operations whose name matches (e.g. 'RSA-1024.*node').
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;

/**
 * Operations per CPU-second of this process (user + system, all threads, so Web Crypto's thread-pool work
 * counts) over about `ms` of wall time. CPU time rather than wall time because the benchmark machine is
 * shared: other processes' load stretches wall time but not our CPU time. Awaits only real promises.
 */
async function opsPerSecond(run: () => unknown, ms: number): Promise<{ cpu: number; wall: number }> {
  let ops = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 10; i++) {
      const result = run();
      if (result instanceof Promise) await result;
    }
    ops += 10;
  }
  const cpu = process.cpuUsage(cpuStart);
  return { cpu: (ops * 1e6) / (cpu.user + cpu.system), wall: (ops * 1000) / (performance.now() - start) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const rows: Array<{
  operation: string;
  etkit: number;
  baseline: number;
  etkitWall: number;
  baselineWall: number;
  target: string;
}> = [];

/**
 * Alternates etkit and baseline rounds (the machine is shared, so load drifts) and reports the median of
 * each side: a drift hits both sides alike.
 */
async function compare(operation: string, target: string, etkit: () => unknown, baseline: () => unknown) {
  if (ONLY && !ONLY.test(operation)) return;
  await opsPerSecond(baseline, 200); // warm up: JIT, key caches
  await opsPerSecond(etkit, 200);
  const etkitRounds: Array<{ cpu: number; wall: number }> = [];
  const baselineRounds: Array<{ cpu: number; wall: number }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    baselineRounds.push(await opsPerSecond(baseline, DURATION_MS / ROUNDS));
    etkitRounds.push(await opsPerSecond(etkit, DURATION_MS / ROUNDS));
  }
  rows.push({
    operation,
    etkit: median(etkitRounds.map((r) => r.cpu)),
    baseline: median(baselineRounds.map((r) => r.cpu)),
    etkitWall: median(etkitRounds.map((r) => r.wall)),
    baselineWall: median(baselineRounds.map((r) => r.wall)),
    target,
  });
}

// ---- the node:crypto baseline: the same protocol steps, natively ----

function nativeSealRequest(sensitive: object, merchantKey: KeyObject, etKey: KeyObject) {
  const aesKey = randomBytes(16);
  const cipher = createCipheriv('aes-128-cbc', aesKey, aesKey);
  const sensitiveData = Buffer.concat([cipher.update(JSON.stringify(sensitive), 'utf8'), cipher.final()]);
  const aeskey = publicEncrypt({ key: etKey, padding: constants.RSA_PKCS1_PADDING }, aesKey);
  const envelope: Record<string, string | number> = {
    serial_number: '20231204204337871860ET82009',
    merchant_number: 'ET82009',
    sub_merchant_number: 'ET82009S001',
    server_type: 'add_special_rent_order',
    version: '2.0.0',
    callback_process: 0,
    data: '{}',
    sensitive_data: sensitiveData.toString('base64'),
    aeskey: aeskey.toString('base64'),
    extend_info: '',
    return_info: '',
  };
  envelope.sign = createSign('sha256').update(canonical(envelope)).sign(merchantKey, 'base64');
  return envelope;
}

function nativeOpenResponse(body: string, etKey: KeyObject, merchantKey: KeyObject) {
  const fields = JSON.parse(body);
  if (!createVerify('sha256').update(canonical(fields)).verify(etKey, fields.sign, 'base64')) throw new Error('sig');
  const raw = privateDecrypt(
    { key: merchantKey, padding: constants.RSA_NO_PADDING },
    Buffer.from(fields.aeskey, 'base64'),
  );
  const aesKey = unpad(raw);
  const decipher = createDecipheriv('aes-128-cbc', aesKey, aesKey);
  const plain = Buffer.concat([decipher.update(Buffer.from(fields.sensitive_data, 'base64')), decipher.final()]);
  return { data: JSON.parse(fields.data), sensitive: JSON.parse(plain.toString('utf8')) };
}

// ---- scenarios ----

const sensitive = vectors.create_order_plaintext.sensitive;
const sensitiveSize = Buffer.byteLength(JSON.stringify(sensitive));
// Pad the worked example up to ~1 KB of JSON.
const payload = { ...sensitive, remark: 'x'.repeat(Math.max(0, 1024 - sensitiveSize - 12)) };
const payloadBytes = Buffer.byteLength(JSON.stringify(payload));

async function scenario(label: string, merchantPem: { private_pkcs8_pem: string; public_spki_pem: string }) {
  const etPem = vectors.keys.et_1024;
  const merchantPrivate: RsaPrivateKey = await importPrivateKey(merchantPem.private_pkcs8_pem);
  const merchantPublic: RsaPublicKey = await importPublicKey(merchantPem.public_spki_pem);
  const etPrivate = await importPrivateKey(etPem.private_pkcs8_pem);
  const etPublic = await importPublicKey(etPem.public_spki_pem);
  const nodeKeys = {
    merchantPrivate: createPrivateKey(merchantPem.private_pkcs8_pem),
    etPublic: createPublicKey(etPem.public_spki_pem),
    etPrivate: createPrivateKey(etPem.private_pkcs8_pem),
  };
  const fields = {
    server_type: 'add_special_rent_order',
    merchant_number: 'ET82009',
    sub_merchant_number: 'ET82009S001',
  };

  const seal = () =>
    sealRequest(fields, { sensitive: payload, merchantPrivateKey: merchantPrivate, etPublicKey: etPublic });
  const baselineSeal = () => nativeSealRequest(payload, nodeKeys.merchantPrivate, nodeKeys.etPublic);
  setCryptoProvider(nodeProvider);
  await compare(`seal request, node fast path (${label})`, '≥ 0.9×', seal, baselineSeal);
  setCryptoProvider(portableProvider);
  await compare(`seal request, portable path (${label})`, 'report', seal, baselineSeal);

  const response = JSON.stringify(
    await sealResponse({}, { sensitive: [payload], etPrivateKey: etPrivate, merchantPublicKey: merchantPublic }),
  );
  const openOptions = { etPublicKey: etPublic, merchantPrivateKey: merchantPrivate };
  const baselineOpen = () => nativeOpenResponse(response, nodeKeys.etPublic, nodeKeys.merchantPrivate);

  setCryptoProvider(nodeProvider);
  await compare(
    `open response, node fast path (${label})`,
    '≥ 0.9×',
    () => openResponse(response, openOptions),
    baselineOpen,
  );
  setCryptoProvider(portableProvider);
  await compare(
    `open response, portable path (${label})`,
    '≥ 0.3×',
    () => openResponse(response, openOptions),
    baselineOpen,
  );
}

await scenario('merchant RSA-2048 / ET RSA-1024', vectors.keys.merchant_2048);
await scenario('merchant RSA-1024 / ET RSA-1024', vectors.keys.merchant_1024);

// Notification verification: etkit (noble MD5) vs node:crypto createHash('md5') over the same string.
const { salt, fields: notifyFields, sign } = vectors.notification_md5;
const signed = { ...notifyFields, sign };
const verifyWithEtkit = () => {
  if (!verifyNotification(signed, salt)) throw new Error('verify');
};
const verifyNatively = () => {
  const text = `${salt}${canonical(notifyFields)}`;
  const digest = createHash('md5').update(text, 'utf8').digest('hex');
  if (!timingSafeEqual(Buffer.from(digest), Buffer.from(String(sign).toLowerCase()))) throw new Error('verify');
};
setCryptoProvider(nodeProvider);
await compare('verify notification (MD5), node fast path', '≥ 0.5×', verifyWithEtkit, verifyNatively);
setCryptoProvider(portableProvider);
await compare('verify notification (MD5), portable path (@noble/hashes)', '≥ 0.5×', verifyWithEtkit, verifyNatively);

const format = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));
console.log(
  `\n@etkit/crypto benchmark — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
    `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; payload ${payloadBytes} B JSON; ops per CPU-second, median of ${ROUNDS} alternating rounds, ${DURATION_MS} ms per side\n`,
);
console.log(
  '| operation | etkit ops/CPU-s | node:crypto ops/CPU-s | ratio | wall-clock ops/s (etkit / node) | target |',
);
console.log('|---|---:|---:|---:|---:|---|');
for (const row of rows) {
  const ratio = (row.etkit / row.baseline).toFixed(2);
  const wall = `${format(row.etkitWall)} / ${format(row.baselineWall)}`;
  console.log(
    `| ${row.operation} | ${format(row.etkit)} | ${format(row.baseline)} | ${ratio}× | ${wall} | ${row.target} |`,
  );
}

/**
 * How much the sandbox adds on top of the protocol's own cryptography.
 *
 *   node --conditions=@etkit/source --import tsx bench/handle.ts [requests]
 *
 * Baseline (measured in the same run): what any ET-side implementation must do per request — openRequest
 * (verify + decrypt) and sealResponse (sign). Then the same requests through `sandbox.handle` (checks, state,
 * sealing) and over HTTP (node:http + global fetch). Prints requests/s and the ratio to the baseline.
 */
import { importPrivateKey, importPublicKey, openRequest, sealRequest, sealResponse } from '@etkit/crypto';
import { createSandbox } from '../src/index.js';

const count = Number(process.argv[2] ?? 300);
const sandbox = await createSandbox({ keyBits: 2048, log: () => {} });
const merchant = sandbox.merchants[0]!;
const url = `${await sandbox.listen(0)}/server`;

async function sealMany(n: number): Promise<string[]> {
  const bodies: string[] = [];
  for (let i = 0; i < n; i++) {
    const envelope = await sealRequest(
      {
        server_type: 'batch_special_query_order_info',
        merchant_number: merchant.merchantNumber,
        sub_merchant_number: merchant.subMerchantNumbers[0]!,
      },
      {
        merchantPrivateKey: merchant.privateKeyPem!,
        etPublicKey: sandbox.etPublicKeyPem,
        sensitive: { order_ids: ['ET2026112800000001'] },
      },
    );
    bodies.push(JSON.stringify(envelope));
  }
  return bodies;
}

async function measure(name: string, bodies: string[], run: (body: string) => Promise<unknown>) {
  for (const body of bodies.slice(0, 10)) await run(body); // warm-up (first 10 are reused only here)
  const timed = bodies.slice(10);
  const start = performance.now();
  for (const body of timed) await run(body);
  const seconds = (performance.now() - start) / 1000;
  return { name, perSecond: timed.length / seconds };
}

// The baseline needs ET's private key; the sandbox does not expose it, so run the baseline with a fresh
// key pair of the same size through the same crypto calls.
const { generateKeyPairSync } = await import('node:crypto');
const pair = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const baselineBodies: string[] = [];
for (let i = 0; i < count + 10; i++) {
  const envelope = await sealRequest(
    { server_type: 'batch_special_query_order_info', merchant_number: 'ET82009', sub_merchant_number: 'ET82009S001' },
    { merchantPrivateKey: merchant.privateKeyPem!, etPublicKey: pair.publicKey, sensitive: { order_ids: ['ET1'] } },
  );
  baselineBodies.push(JSON.stringify(envelope));
}
// Keys imported once, as the sandbox does.
const etPrivateKey = await importPrivateKey(pair.privateKey);
const merchantPublicKey = await importPublicKey(merchant.publicKeyPem);
const runBaseline = async (body: string) => {
  await openRequest(body, { merchantPublicKey, etPrivateKey });
  // The same answer the sandbox gives a query that matches nothing: an empty, encrypted record list.
  await sealResponse({ data: [] }, { etPrivateKey, merchantPublicKey, sensitive: [] });
};
const runHttp = async (body: string) => {
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  await response.text();
};
// Two rounds, interleaved, best of each: the machine is shared and the JIT warms up.
const best = new Map<string, { name: string; perSecond: number }>();
for (let round = 0; round < 2; round++) {
  for (const result of [
    await measure('crypto only (openRequest + sealResponse)', baselineBodies, runBaseline),
    await measure('sandbox.handle', await sealMany(count + 10), (body) => sandbox.handle(body)),
    await measure('HTTP POST /server (global fetch)', await sealMany(count + 10), runHttp),
  ]) {
    if ((best.get(result.name)?.perSecond ?? 0) < result.perSecond) best.set(result.name, result);
  }
}
const [baseline, inProcess, overHttp] = [...best.values()] as [
  { name: string; perSecond: number },
  { name: string; perSecond: number },
  { name: string; perSecond: number },
];

for (const result of [baseline, inProcess, overHttp]) {
  console.log(
    `${result.name.padEnd(44)} ${result.perSecond.toFixed(0).padStart(6)} req/s   ${(result.perSecond / baseline.perSecond).toFixed(2)}× baseline`,
  );
}
await sandbox.close();

// Requests per second of getPaymentUrl through @etkit/client (undici transport) next to raw undici requests
// that seal and open by hand with @etkit/crypto, in the same run, against the same loopback server. Both sides
// run the built packages, what an installed client runs (`pnpm build` first): from the sources, under tsx, every
// closure also pays for the names tsx keeps.
//   pnpm bench     (BENCH_ROUNDS=10 pairs of BENCH_SECONDS=1 s rounds, BENCH_CONCURRENCY=16 requests in flight)
import { fork } from 'node:child_process';
import { createClient } from '@etkit/client';
import { undiciTransport } from '@etkit/client/undici';
import { importPrivateKey, importPublicKey, openResponse, sealRequest, sealResponse } from '@etkit/crypto';
import { Pool } from 'undici';
import { testKeys } from '../test/helpers/keys.js';

const keys = testKeys;
const seconds = Number(process.env.BENCH_SECONDS ?? 1);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
const merchant = { merchantNumber: 'ET82009', subMerchantNumber: 'ET82009S001' };

const merchantPrivateKey = await importPrivateKey(keys.merchant.privateKeyPem);
const etPublicKey = await importPublicKey(keys.et.publicKeyPem);
const response = await sealResponse(
  { data: [{ pay_url: 'https://pay.example.test/p/ET2026112800000001' }] },
  { etPrivateKey: keys.et.privateKeyPem, merchantPublicKey: keys.merchant.publicKeyPem },
);

const server = fork(new URL('./loopback-server.mjs', import.meta.url), { stdio: 'inherit' });
server.send({ body: JSON.stringify(response) });
const port = await new Promise<number>((resolve) => server.once('message', (m: { port: number }) => resolve(m.port)));
const url = `http://127.0.0.1:${port}/server`;

// Baseline: what a merchant would write by hand with undici and @etkit/crypto.
const pool = new Pool(`http://127.0.0.1:${port}`, { connections: concurrency });
async function rawGetPaymentUrl(): Promise<string> {
  const envelope = await sealRequest(
    {
      server_type: 'get_special_pay_url',
      ...{ merchant_number: merchant.merchantNumber, sub_merchant_number: merchant.subMerchantNumber },
      data: { order_id: 'ET2026112800000001' },
    },
    { merchantPrivateKey, etPublicKey },
  );
  const res = await pool.request({
    path: '/server',
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(envelope),
  });
  const opened = await openResponse(await res.body.text(), { etPublicKey, merchantPrivateKey });
  const url = (opened.data as Array<{ pay_url: string }>)[0]?.pay_url;
  if (opened.statusCode !== '000000' || !url) throw new Error('unexpected response');
  return url;
}

const transport = undiciTransport({ connections: concurrency });
const client = createClient({
  environment: url,
  ...merchant,
  keys: { merchantPrivateKey, etPublicKey },
  transport,
});
async function clientGetPaymentUrl(): Promise<string> {
  const result = await client.getPaymentUrl({ order_id: 'ET2026112800000001' });
  if (!result.payUrl) throw new Error('unexpected response');
  return result.payUrl;
}

interface Round {
  /** Requests per second (wall clock). */
  rate: number;
  /** CPU time of this process per request, in microseconds: less sensitive to a busy shared machine. */
  cpuMicros: number;
}

async function measure(run: () => Promise<string>, durationMs: number): Promise<Round> {
  let done = 0;
  const deadline = performance.now() + durationMs;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await run();
        done++;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return { rate: done / ((performance.now() - started) / 1000), cpuMicros: (used.user + used.system) / done };
}

// Warm up both paths (JIT, connections). Then short rounds in ABBA order, so that drift and the load of a
// shared machine hit both alike; the ratio is the median of the per-pair ratios.
await measure(rawGetPaymentUrl, 1000);
await measure(clientGetPaymentUrl, 1000);
const raw: Round[] = [];
const viaClient: Round[] = [];
for (let round = 0; round < rounds; round++) {
  const clientFirst = round % 2 === 1;
  const first = await measure(clientFirst ? clientGetPaymentUrl : rawGetPaymentUrl, seconds * 1000);
  const second = await measure(clientFirst ? rawGetPaymentUrl : clientGetPaymentUrl, seconds * 1000);
  raw.push(clientFirst ? second : first);
  viaClient.push(clientFirst ? first : second);
}
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const list = (values: number[], digits = 0) => values.map((value) => value.toFixed(digits)).join(' ');
const rates = (rounds: Round[]) => rounds.map((round) => round.rate);
const cpu = (rounds: Round[]) => rounds.map((round) => round.cpuMicros);
const wallRatios = raw.map((rawRound, i) => viaClient[i]!.rate / rawRound.rate);
const cpuRatios = raw.map((rawRound, i) => rawRound.cpuMicros / viaClient[i]!.cpuMicros);
console.log(
  `getPaymentUrl, ${concurrency} in flight, ${rounds} pairs of ${seconds} s rounds (ABBA), Node ${process.version}`,
);
console.log(
  `  raw undici + @etkit/crypto by hand : ${median(rates(raw)).toFixed(0)} req/s, ${median(cpu(raw)).toFixed(0)} µs CPU/req`,
);
console.log(
  `  @etkit/client (undici transport)   : ${median(rates(viaClient)).toFixed(0)} req/s, ${median(cpu(viaClient)).toFixed(0)} µs CPU/req`,
);
console.log(
  `  ratio client/raw, req/s   (median of pairs): ${median(wallRatios).toFixed(3)}×  [${list(wallRatios, 2)}]`,
);
console.log(`  ratio client/raw, CPU/req (median of pairs): ${median(cpuRatios).toFixed(3)}×  [${list(cpuRatios, 2)}]`);
console.log('  target ≥ 0.9×');

await transport.close();
await pool.close();
server.disconnect();

import { importPrivateKey, importPublicKey, openResponse, sealResponse } from '@etkit/crypto';
import { createClient, type Transport } from '../src/index.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../src/response-limit.js';
import { testKeys } from '../test/helpers/keys.js';

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex === -1 ? undefined : process.argv[onlyIndex + 1];
const slices = argument('slices', 5);
const sliceMs = argument('slice-ms', 200);
const limit = argument('max-response-bytes', DEFAULT_MAX_RESPONSE_BYTES);

const keys = testKeys;
const merchantPrivateKey = await importPrivateKey(keys.merchant.privateKeyPem);
const etPublicKey = await importPublicKey(keys.et.publicKeyPem);
const utf8 = new TextEncoder();
const BOGUS_SIGN = Buffer.alloc(128, 7).toString('base64');

/** `build(n)` for the largest n whose UTF-8 bytes stay within `bytes`. */
function largest(build: (n: number) => string, bytes = limit): string {
  let low = 0;
  let high = bytes;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (utf8.encode(build(middle)).byteLength <= bytes) low = middle;
    else high = middle - 1;
  }
  return build(low);
}

/** A forged answer: the envelope's fields around `inner`, signed with a signature that does not verify. */
const forged = (inner: string) =>
  `{"status_code":"000000","message":"SUCCESS","count":1,${inner},"sensitive_data":"","aeskey":"","return_info":"","extend_info":"","version":"2.0.0","sign":"${BOGUS_SIGN}"}`;

// The provider's sample response carries one encrypted order record (a 992-byte sensitive_data, ~1.8 KB in all).
const realAnswer = JSON.stringify(
  await sealResponse(
    { data: [] },
    {
      etPrivateKey: keys.et.privateKeyPem,
      merchantPublicKey: keys.merchant.publicKeyPem,
      sensitive: [
        {
          order_id: 'ET2026112800000001',
          merchant_order_id: 'M-2026-11-28-000042',
          order_status: '1',
          tuition_amount: '10000.00',
          tuition_currency_code: 'RMB',
          pay_amount: '10000.00',
          pay_currency_code: 'RMB',
          rate: '1.00000000',
          student_name: 'Zhang San',
          school_name: 'University of Example',
          create_datetime: '2026-11-28 10:00:00',
          pay_datetime: '2026-11-28 10:05:00',
        },
      ],
    },
  ),
);
const genuineLarge = JSON.stringify(
  await sealResponse(
    { data: [] },
    {
      etPrivateKey: keys.et.privateKeyPem,
      merchantPublicKey: keys.merchant.publicKeyPem,
      // ~141 bytes a record once encrypted and base64-encoded: fill most of the limit.
      sensitive: Array.from({ length: Math.floor((limit - 4096) / 141) }, (_, i) => ({
        order_id: `ET20261128${String(i).padStart(8, '0')}`,
        merchant_order_id: `M-${i}`,
        order_status: '1',
        pay_amount: '10000.00',
      })),
    },
  ),
);

const answers: Array<[string, string]> = [
  ['real answer: one encrypted order record (baseline)', realAnswer],
  ['genuine answer: encrypted records near the limit', genuineLarge],
  ['unsigned error, message of \\n escapes', largest((n) => `{"status_code":"100001","message":"${'\\n'.repeat(n)}"}`)],
  ['forged: data text of \\n escapes', largest((n) => forged(`"data":"[\\"${'\\\\n'.repeat(n)}\\"]"`))],
  ['forged: message of \\u escapes', largest((n) => forged(`"data":[],"x":"${'\\u5b66'.repeat(n)}"`))],
  ['forged: message of escaped quotes', largest((n) => forged(`"data":[],"x":"${'\\"'.repeat(n)}"`))],
  ['forged: data list of re-formatted numbers', largest((n) => forged(`"data":[${Array(n).fill('1.0').join(',')}]`))],
  ['forged: data list of short strings', largest((n) => forged(`"data":[${Array(n).fill('"a"').join(',')}]`))],
  [
    'forged: data list of small objects',
    largest((n) => forged(`"data":[${Array(n).fill('{"a":1,"b":"x"}').join(',')}]`)),
  ],
  [
    'forged: thousands of top-level members',
    largest((n) => forged(`"data":[],${Array.from({ length: n }, (_, i) => `"m${i}":1`).join(',')}`)),
  ],
  ['forged: data nested 255 deep', forged(`"data":${'['.repeat(255)}${']'.repeat(255)}`)],
  ['forged: whitespace', largest((n) => forged(`"data":[${' '.repeat(n)}]`))],
  ['forged: a sign filling the limit', largest((n) => forged(`"data":[]`).replace(BOGUS_SIGN, 'A'.repeat(n * 4)))],
];

/** CPU microseconds per call of `task` over one slice. */
async function cpuPerCall(task: () => Promise<unknown>): Promise<number> {
  let calls = 0;
  const cpuStart = process.cpuUsage();
  const deadline = performance.now() + sliceMs;
  while (performance.now() < deadline) {
    await task().catch(() => {});
    calls++;
  }
  const cpu = process.cpuUsage(cpuStart);
  return (cpu.user + cpu.system) / calls;
}

async function best(baseline: () => Promise<unknown>, candidate: () => Promise<unknown>): Promise<[number, number]> {
  await cpuPerCall(baseline);
  await cpuPerCall(candidate);
  let result: [number, number] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  for (let slice = 0; slice < slices; slice++) {
    result = [Math.min(result[0], await cpuPerCall(baseline)), Math.min(result[1], await cpuPerCall(candidate))];
  }
  return result;
}

function clientAnswering(body: string) {
  const transport: Transport = async () => ({ status: 200, headers: {}, body });
  return createClient({
    environment: 'http://127.0.0.1:9/server',
    merchantNumber: 'ET82009',
    subMerchantNumber: 'ET82009S001',
    keys: { merchantPrivateKey, etPublicKey },
    transport,
    retry: false,
  });
}

async function outcome(body: string): Promise<string> {
  try {
    const opened = await openResponse(body, { etPublicKey, merchantPrivateKey });
    return opened.verified ? 'verified' : `unverified ${opened.statusCode}`;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

const open = (body: string) => () => openResponse(body, { etPublicKey, merchantPrivateKey });
const call = (body: string) => {
  const client = clientAnswering(body);
  return () => client.getPaymentUrl({ order_id: 'ET2026112800000001' });
};

console.log(
  `client worst-case answers: maxResponseBytes ${limit}, CPU µs per call, best of ${slices} ${sliceMs} ms slices ` +
    `alternating with the baseline (Node ${process.version})\n`,
);
console.log(
  `${'answer'.padEnd(52)} ${'bytes'.padStart(8)}  ${'openResponse'.padStart(12)} ${'ratio'.padStart(6)}  ` +
    `${'client call'.padStart(11)} ${'ratio'.padStart(6)}  outcome`,
);
const [baselineName, baselineBody] = answers[0]!;
let worst = { name: '', ratio: 0 };
for (const [name, body] of answers) {
  if (only !== undefined && name !== baselineName && !name.includes(only)) continue;
  const [openBase, openCost] = await best(open(baselineBody), open(body));
  const [callBase, callCost] = await best(call(baselineBody), call(body));
  const ratios = [openCost / openBase, callCost / callBase];
  if (name !== baselineName && ratios[0]! > worst.ratio) worst = { name, ratio: ratios[0]! };
  console.log(
    `${name.padEnd(52)} ${String(utf8.encode(body).byteLength).padStart(8)}  ${openCost.toFixed(0).padStart(12)} ` +
      `${ratios[0]!.toFixed(1).padStart(5)}×  ${callCost.toFixed(0).padStart(11)} ${ratios[1]!.toFixed(1).padStart(5)}×  ` +
      `${await outcome(body)}  (baselines ${openBase.toFixed(0)} / ${callBase.toFixed(0)} µs)`,
  );
}
console.log(`\nworst: ${worst.name}, ${worst.ratio.toFixed(1)}× the real answer's openResponse (target ≤ 20×)`);

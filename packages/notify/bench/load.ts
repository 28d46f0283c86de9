/**
 * Load generator, run as a SECOND process by run.ts so it does not share the server's event loop.
 * Sends correctly signed form notifications, each a different payment (a fresh order_id), so every request
 * takes the full path: read, parse, verify, classify, inbox claim, handler, complete, acknowledge.
 * Usage: tsx --conditions @etkit/source bench/load.ts <url> <seconds> <connections> <salt> [fixed]
 */
import autocannon from 'autocannon';
import { buildNotification } from '../src/testing.js';

const [url = '', secondsText = '10', connectionsText = '10', salt = '', mode = 'unique'] = process.argv.slice(2);

// Sign the bodies before the clock starts, so the generator spends its CPU on sending, not on MD5 (on a real
// deployment ET's signing happens on ET's machines). Enough for ~8k req/s; past that the list is reused and
// later requests are duplicates (answered from the inbox), which the summary reports.
const planned = Math.min(8_000 * (Number(secondsText) + 2), 600_000);
const bodies: string[] = [];
for (let i = 0; i < (mode === 'fixed' ? 1 : planned); i++) {
  const order_id = `ET2026112800${String(i).padStart(8, '0')}`;
  bodies.push(buildNotification({ salt, kind: 'payment_result', fields: { order_id } }).body);
}
const contentType = 'application/x-www-form-urlencoded';
let sent = 0;

function nextBody(): { body: string; contentType: string } {
  return { body: bodies[sent++ % bodies.length]!, contentType };
}

function run(duration: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        connections: Number(connectionsText),
        duration,
        requests: [
          {
            setupRequest: (request) => {
              const { body, contentType } = nextBody();
              return { ...request, method: 'POST', body, headers: { 'content-type': contentType } };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

await run(2); // warm-up: JIT, connection pool
const result = await run(Number(secondsText));
console.log(
  JSON.stringify({
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    latencyMax: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    uniqueBodies: bodies.length,
    sent,
  }),
);

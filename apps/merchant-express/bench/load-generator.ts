/**
 * The load side of bench/live-streams.ts, run as a process of its own so it does not share the site's event loop:
 * posts unique signed payment notifications for the phase's orders with autocannon for `seconds` (after a 2 s
 * warm-up) and prints one JSON line of results.
 * Usage: tsx bench/load-generator.ts <site url> <seconds> <connections> <salt> <first order> <orders>
 */
import { buildNotification } from '@etkit/notify/testing';
import autocannon from 'autocannon';
import { benchEtOrderId } from './orders.js';

const [siteUrl = '', secondsText = '10', connectionsText = '10', salt = '', firstText = '0', ordersText = '0'] =
  process.argv.slice(2);
const [seconds, connections] = [Number(secondsText), Number(connectionsText)];
const [first, orders] = [Number(firstText), Number(ordersText)];

// Signed before the clock starts (ET signs on its own machines): one body per order of this phase.
const bodies: string[] = [];
for (let index = 0; index < orders; index++) {
  bodies.push(
    buildNotification({ salt, kind: 'payment_result', fields: { order_id: benchEtOrderId(first + index) } }).body,
  );
}
let sent = 0;

function run(duration: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${siteUrl}/notifications`,
        method: 'POST',
        connections,
        duration,
        requests: [
          {
            setupRequest: (req) => ({
              ...req,
              method: 'POST',
              body: bodies[sent++ % bodies.length]!,
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            }),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

await run(2); // warm-up: JIT, connection pool
const warmSent = sent;
const result = await run(seconds);
console.log(
  JSON.stringify({
    notificationsPerSecond: (result.requests.total - result.non2xx) / seconds,
    total: result.requests.total,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    repeated: Math.max(0, sent - orders),
    measuredSent: sent - warmSent,
    sentTotal: sent,
  }),
);
process.exit(0);

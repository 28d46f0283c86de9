/**
 * The load side of bench/live-streams.ts, run as a second process so it does not share the site's event loop.
 * Opens `streams` live-update streams (each watching 100 orders of the phase), then posts unique signed
 * payment notifications with autocannon for `seconds` and prints one JSON line of results.
 * Usage: tsx bench/load-generator.ts <site url> <seconds> <connections> <salt> <streams> <first order> <orders> <cookie>
 */
import { request } from 'node:http';
import { buildNotification } from '@etkit/notify/testing';
import autocannon from 'autocannon';
import { benchEtOrderId, benchMerchantOrderId } from './orders.js';

const [siteUrl = '', secondsText = '10', connectionsText = '10', salt = '', streamsText = '0'] = process.argv.slice(2);
const [firstText = '0', ordersText = '0', cookie = ''] = process.argv.slice(7);
const [seconds, connections, streamCount] = [Number(secondsText), Number(connectionsText), Number(streamsText)];
const [first, orders] = [Number(firstText), Number(ordersText)];

// Signed before the clock starts (ET signs on its own machines): one body per order of this phase.
const bodies: string[] = [];
for (let index = 0; index < orders; index++) {
  bodies.push(
    buildNotification({ salt, kind: 'payment_result', fields: { order_id: benchEtOrderId(first + index) } }).body,
  );
}
let sent = 0;

/** Opens one event stream watching orders [start, start + 100) of the phase; counts the order events it gets. */
function openStream(start: number, counter: { events: number }): Promise<() => void> {
  const ids = Array.from({ length: 100 }, (_, offset) => benchMerchantOrderId(first + ((start + offset) % orders)));
  return new Promise((resolve, reject) => {
    const req = request(`${siteUrl}/events?orders=${ids.join(',')}`, { headers: { cookie } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`stream refused: ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        counter.events += chunk.split('event: order').length - 1;
      });
      resolve(() => req.destroy());
    });
    req.on('error', () => {});
    req.end();
  });
}

const counter = { events: 0 };
const closers: Array<() => void> = [];
for (let index = 0; index < streamCount; index++) {
  // Stream i watches a page of 100 orders starting at i·100 (wrapping): every order is watched by about
  // streams·100 / orders streams, as staff with different pages open would.
  closers.push(await openStream((index * 100) % orders, counter));
}
// Every stream first gets the state of its 100 orders: wait for all of it (the site reads it while the streams
// open), so the clock measures the steady state with the streams open.
const deadline = Date.now() + 120_000;
while (counter.events < streamCount * 100 && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const initialEvents = counter.events;

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
const eventsBefore = counter.events;
const result = await run(seconds);
// Events for the last notifications may still be on their way.
await new Promise((resolve) => setTimeout(resolve, 1000));
for (const close of closers) close();
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
    initialEvents,
    streamEvents: counter.events - eventsBefore,
  }),
);
process.exit(0);

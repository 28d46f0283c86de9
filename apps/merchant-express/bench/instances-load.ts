/**
 * The load side of bench/instances.ts, a process of its own so it does not share an event loop with the site or
 * the baseline. Signs one payment notification per order of the phase before the clock starts, then posts them
 * with autocannon to every instance at once (the connections split evenly: what a round-robin balancer does),
 * 2 s of warm-up, then `seconds` measured. Prints one JSON line.
 * Usage: tsx bench/instances-load.ts <url,url,…> <seconds> <connections> <salt> <first order> <orders>
 */
import { buildNotification } from '@etkit/notify/testing';
import autocannon from 'autocannon';
import { benchEtOrderId } from './orders.js';

const [urlsText = '', secondsText = '10', connectionsText = '10', salt = '', firstText = '0', ordersText = '0'] =
  process.argv.slice(2);
const urls = urlsText.split(',');
const [seconds, connections, first, orders] = [secondsText, connectionsText, firstText, ordersText].map(Number) as [
  number,
  number,
  number,
  number,
];

// Signed before the clock starts (ET signs on its own machines): one body per order, each posted once.
const bodies: string[] = [];
for (let index = 0; index < orders; index++) {
  bodies.push(
    buildNotification({ salt, kind: 'payment_result', fields: { order_id: benchEtOrderId(first + index) } }).body,
  );
}
let sent = 0;

function run(url: string, share: number, duration: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${url}/notifications`,
        method: 'POST',
        connections: share,
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

const shares = urls.map(
  (_, index) => Math.floor(connections / urls.length) + (index < connections % urls.length ? 1 : 0),
);
const runAll = (duration: number) => Promise.all(urls.map((url, index) => run(url, shares[index]!, duration)));

const cpuBefore = process.cpuUsage();
const warm = await runAll(2); // warm-up: JIT, the pools' connections
const warmSent = sent;
const results = await runAll(seconds);
const cpu = process.cpuUsage(cpuBefore);
const applied = results.reduce((sum, result) => sum + result.requests.total - result.non2xx, 0);
console.log(
  JSON.stringify({
    notificationsPerSecond: applied / seconds,
    total: results.reduce((sum, result) => sum + result.requests.total, 0),
    // Per instance: autocannon's histograms cannot be merged; the worst instance's figures are the ones to read.
    latencyP50: Math.max(...results.map((result) => result.latency.p50)),
    latencyP99: Math.max(...results.map((result) => result.latency.p99)),
    perInstance: results.map((result) => (result.requests.total - result.non2xx) / seconds),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    timeouts: results.reduce((sum, result) => sum + result.timeouts, 0),
    repeated: Math.max(0, sent - orders),
    measuredSent: sent - warmSent,
    answered: [...warm, ...results].reduce((sum, result) => sum + result.requests.total, 0),
    // The load process's own CPU (autocannon): on a small machine it competes with the site and the database.
    loadCpuMs: (cpu.user + cpu.system) / 1000,
  }),
);
process.exit(0);

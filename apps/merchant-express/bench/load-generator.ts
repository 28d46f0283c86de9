/**
 * The load side of bench/live-streams.ts and bench/instances.ts, a process of its own so it does not share an
 * event loop with the site or the baseline. Signs one payment notification per order of the phase before the
 * clock starts, then posts them to every site URL given at once (the connections split evenly: what a
 * round-robin balancer does), 2 s of warm-up, then `seconds` measured. Prints one JSON line.
 * Usage: tsx bench/load-generator.ts <url,url,…> <seconds> <connections> <salt> <first order> <orders>
 */
import { buildNotification } from '@etkit/notify/testing';
import { notificationRequest, percentileOf, postNotifications } from './notification-poster.js';
import { benchEtOrderId } from './orders.js';

const [urlsText = '', secondsText = '10', connectionsText = '10', salt = '', firstText = '0', ordersText = '0'] =
  process.argv.slice(2);
const targets = urlsText.split(',').map((url) => {
  const { hostname, port } = new URL(url);
  return { host: hostname, port: Number(port) };
});
const [seconds, connections, first, orders] = [secondsText, connectionsText, firstText, ordersText].map(Number) as [
  number,
  number,
  number,
  number,
];

// Signed and serialized before the clock starts (ET signs on its own machines): one request per order, each
// posted once.
const requests: Uint8Array[] = [];
for (let index = 0; index < orders; index++) {
  const { body } = buildNotification({
    salt,
    kind: 'payment_result',
    fields: { order_id: benchEtOrderId(first + index) },
  });
  requests.push(notificationRequest(`${targets[0]!.host}:${targets[0]!.port}`, body));
}
let sent = 0;
const next = () => requests[sent++];

const cpuBefore = process.cpuUsage();
const warm = await postNotifications({ targets, connections, durationMs: 2000, next }); // JIT, the pools
const warmSent = sent;
const measured = await postNotifications({ targets, connections, durationMs: seconds * 1000, next });
const cpu = process.cpuUsage(cpuBefore);
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const applied = measured.answered.map((answered, target) => answered - measured.non2xx[target]!);
console.log(
  JSON.stringify({
    notificationsPerSecond: sum(applied) / seconds,
    total: sum(measured.answered),
    latencyP50: percentileOf(measured.latencies.flat(), 0.5),
    latencyP99: percentileOf(measured.latencies.flat(), 0.99),
    perInstance: applied.map((count) => count / seconds),
    non2xx: sum(measured.non2xx),
    errors: warm.errors + measured.errors,
    // Every order has one request: running out of them ends the phase early (reported; none is sent twice).
    ranOut: sent > orders,
    measuredSent: sent - warmSent,
    /** Requests answered, warm-up included. */
    answered: sum(warm.answered) + sum(measured.answered),
    // The load process's own CPU: on a small machine it competes with the site and the database.
    loadCpuMs: (cpu.user + cpu.system) / 1000,
  }),
);
process.exit(0);

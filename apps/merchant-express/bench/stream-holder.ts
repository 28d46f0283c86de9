/**
 * Holds the live-update streams of bench/live-streams.ts in a process of their own (as browsers are elsewhere),
 * so reading them does not take the load generator's CPU. Opens `streams` streams, each watching 100 orders
 * of the phase, prints `ready <initial events>` once every stream has its orders' state, and on SIGTERM prints
 * `events <count>` and exits.
 * Usage: tsx bench/stream-holder.ts <site url> <streams> <first order> <orders> <cookie>
 */
import { request } from 'node:http';
import { benchMerchantOrderId } from './orders.js';

const [siteUrl = '', streamsText = '0', firstText = '0', ordersText = '0', cookie = ''] = process.argv.slice(2);
const [streamCount, first, orders] = [Number(streamsText), Number(firstText), Number(ordersText)];
let events = 0;
const requests: Array<{ destroy(): void }> = [];

function openStream(start: number): Promise<void> {
  const ids = Array.from({ length: 100 }, (_, offset) => benchMerchantOrderId(first + ((start + offset) % orders)));
  return new Promise((resolve, reject) => {
    const req = request(`${siteUrl}/events?orders=${ids.join(',')}`, { headers: { cookie } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`stream refused: ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        let at = chunk.indexOf('event: order');
        while (at !== -1) {
          events += 1;
          at = chunk.indexOf('event: order', at + 12);
        }
      });
      resolve();
    });
    req.on('error', () => {});
    req.end();
    requests.push(req);
  });
}

// Stream i watches a page of 100 orders starting at i·100 (wrapping): every order is watched by about
// streams·100 / orders streams, as staff with different pages open would.
for (let index = 0; index < streamCount; index++) await openStream((index * 100) % orders);
const deadline = Date.now() + 120_000;
while (events < streamCount * 100 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
console.log(`ready ${events}`);
// Stay until told to stop, even with no stream open.
const alive = setInterval(() => {}, 60_000);
process.on('SIGTERM', () => {
  console.log(`events ${events}`);
  for (const req of requests) req.destroy();
  clearInterval(alive);
  process.exit(0);
});

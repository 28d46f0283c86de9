/**
 * The benches' load: posts pre-signed notification bodies over keep-alive HTTP/1.1 connections, one request in
 * flight per connection, and times each. Written on `node:net` with every request's bytes built before the clock
 * starts, so the load process spends as little CPU per request as it can: on a small machine it shares the cores
 * with the site and the database it measures (autocannon, used before, cost 0.34–0.6 ms of CPU per request here,
 * close to the whole baseline's 0.75 ms).
 */
import { connect, type Socket } from 'node:net';

export interface PostingResult {
  /** Requests answered (any status) per target, over the run. */
  answered: number[];
  /** Answers with a status outside 2xx, per target. */
  non2xx: number[];
  /** Connections that failed (refused, reset, closed mid-answer). */
  errors: number;
  /** Milliseconds from the request's first byte written to its answer's last byte read, per target, unsorted. */
  latencies: number[][];
}

/** One request's bytes: the path is `/notifications`, the body an `application/x-www-form-urlencoded` form. */
export function notificationRequest(host: string, body: string): Uint8Array {
  const payload = Buffer.from(body, 'utf8');
  const head =
    `POST /notifications HTTP/1.1\r\nhost: ${host}\r\ncontent-type: application/x-www-form-urlencoded\r\n` +
    `content-length: ${payload.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), payload]);
}

const HEADERS_END = Buffer.from('\r\n\r\n', 'latin1');

/** How many bytes of `buffer` the first HTTP answer takes, or -1 while incomplete. Content-Length answers only. */
function answerLength(buffer: Buffer): number {
  const headersEnd = buffer.indexOf(HEADERS_END);
  if (headersEnd === -1) return -1;
  const head = buffer.toString('latin1', 0, headersEnd).toLowerCase();
  const match = /\r\ncontent-length: *(\d+)/.exec(head);
  if (match === null) throw new Error(`answer without content-length: ${head.split('\r\n')[0]}`);
  const total = headersEnd + HEADERS_END.length + Number(match[1]);
  return buffer.length >= total ? total : -1;
}

/**
 * Posts `next()`'s requests to `targets` (`host:port`) until `durationMs` has passed or `next()` returns
 * undefined; `connections` are split evenly between the targets (a round-robin balancer's share).
 */
export async function postNotifications(options: {
  targets: readonly { host: string; port: number }[];
  connections: number;
  durationMs: number;
  next: (target: number) => Uint8Array | undefined;
}): Promise<PostingResult> {
  const { targets, connections, durationMs, next } = options;
  const result: PostingResult = {
    answered: targets.map(() => 0),
    non2xx: targets.map(() => 0),
    errors: 0,
    latencies: targets.map(() => []),
  };
  const end = performance.now() + durationMs;
  const runConnection = (target: number) =>
    new Promise<void>((resolve) => {
      const { host, port } = targets[target]!;
      const socket: Socket = connect({ host, port, noDelay: true });
      let received: Buffer = Buffer.alloc(0);
      let started = 0;
      const send = () => {
        const request = performance.now() < end ? next(target) : undefined;
        if (request === undefined) {
          socket.end();
          return;
        }
        started = performance.now();
        socket.write(request);
      };
      socket.on('connect', send);
      socket.on('data', (chunk: Buffer) => {
        received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
        const length = answerLength(received);
        if (length === -1) return;
        const status = Number(received.toString('latin1', 9, 12));
        result.latencies[target]!.push(performance.now() - started);
        result.answered[target]! += 1;
        if (status < 200 || status > 299) result.non2xx[target]! += 1;
        received = received.subarray(length);
        send();
      });
      socket.on('error', () => {
        result.errors += 1;
        resolve();
      });
      socket.on('close', () => resolve());
    });
  const shares = targets.map(
    (_, index) => Math.floor(connections / targets.length) + (index < connections % targets.length ? 1 : 0),
  );
  await Promise.all(shares.flatMap((share, target) => Array.from({ length: share }, () => runConnection(target))));
  return result;
}

/** The p-th percentile (0–1) of unsorted milliseconds, rounded to 0.1 ms. */
export function percentileOf(latencies: readonly number[], p: number): number {
  if (latencies.length === 0) return Number.NaN;
  const sorted = [...latencies].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! * 10) / 10;
}

/**
 * Node entry: `tsx src/node.ts` (PORT, default 8787; HOST, default 127.0.0.1). A tiny node:http server that turns
 * each request into a Web `Request` for the worker and writes its `Response` back; the body is streamed through
 * untouched, since the signature covers its exact bytes.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { readListenAddress, WorkerConfigError } from './config.ts';
import worker, { prepareAtStart } from './worker.ts';

const env = { ...process.env };
let address: { port: number; host: string };
try {
  address = readListenAddress(env);
} catch (error) {
  if (!(error instanceof WorkerConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const { port, host } = address;
prepareAtStart(env);

function toRequest(incoming: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = incoming.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(incoming.url ?? '/', `http://${incoming.headers.host ?? host}`), {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(incoming) as ReadableStream<Uint8Array>) : undefined,
    // Node's fetch needs this to accept a stream body.
    ...(hasBody ? { duplex: 'half' } : {}),
  } as RequestInit);
}

const server = createServer(async (incoming, outgoing) => {
  try {
    const response = await worker.fetch(toRequest(incoming), env);
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  } catch {
    outgoing.writeHead(500, { 'content-type': 'application/json' });
    outgoing.end('{"notify_result":"FAIL","code":"INTERNAL"}');
  }
});
server.listen(port, host, () => {
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  console.log(`notify-worker (node) listening on http://${host}:${bound}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));

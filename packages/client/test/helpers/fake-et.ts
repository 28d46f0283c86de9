// A real HTTP server on 127.0.0.1 that plays EasyTransfer: it opens each request with @etkit/crypto's
// openRequest (verify with the merchant's public key, decrypt with ET's private key) and answers with a
// sealResponse envelope, or with whatever fault a test scripts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type OpenedRequest, openRequest, type ProtocolProfile, sealResponse } from '@etkit/crypto';
import { testKeys } from './keys.js';

export interface ReceivedRequest {
  serverType: string;
  serialNumber: string;
  fields: Record<string, string>;
  data: unknown;
  sensitive: unknown;
  rawBody: string;
  headers: IncomingMessage['headers'];
}

/** What the scripted ET does with one request. */
export type Reply =
  | {
      kind: 'sealed';
      statusCode?: string;
      message?: string;
      /** A list, or the exact JSON text of one (to control number text). */
      data?: unknown[] | string;
      /** A list, or the exact JSON text of one, sent encrypted. */
      sensitive?: unknown[] | string;
      returnInfo?: string;
      delayMs?: number;
      /** Change a signed field after signing (the signature no longer matches). */
      tamper?: boolean;
      /** Drop `sign` from the envelope. */
      unsigned?: boolean;
      /** Encrypt for this public key instead of the merchant's (the merchant cannot decrypt). */
      encryptFor?: string;
    }
  | { kind: 'http'; status: number; body?: string }
  | { kind: 'raw'; body: string }
  | { kind: 'hang' }
  /** Sends the headers and the first byte of a body, then nothing more. */
  | { kind: 'stall' }
  | { kind: 'destroy' };

export type Handler = (request: ReceivedRequest, index: number) => Reply | Promise<Reply>;

export interface FakeEt {
  url: string;
  received: ReceivedRequest[];
  /** Requests that reached the server, including those it did not answer. */
  hits: () => number;
  setHandler: (handler: Handler) => void;
  close: () => Promise<void>;
}

const defaultHandler: Handler = () => ({ kind: 'sealed', data: [] });

export async function startFakeEt(options: { profile?: Partial<ProtocolProfile> } = {}): Promise<FakeEt> {
  let handler = defaultHandler;
  let hits = 0;
  const received: ReceivedRequest[] = [];
  const open = new Set<ServerResponse>();

  const server: Server = createServer(async (req, res) => {
    hits++;
    open.add(res);
    res.on('close', () => open.delete(res));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    let opened: OpenedRequest;
    try {
      opened = await openRequest(rawBody, {
        merchantPublicKey: testKeys.merchant.publicKeyPem,
        etPrivateKey: testKeys.et.privateKeyPem,
        profile: options.profile,
      });
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(`fake ET could not open the request: ${error}`);
      return;
    }
    const request: ReceivedRequest = {
      serverType: opened.fields.server_type ?? '',
      serialNumber: opened.fields.serial_number ?? '',
      fields: opened.fields,
      data: opened.data,
      sensitive: opened.sensitive,
      rawBody,
      headers: req.headers,
    };
    received.push(request);
    const reply = await handler(request, received.length - 1);
    await answer(res, reply, options.profile);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/server`,
    received,
    hits: () => hits,
    setHandler: (next) => {
      handler = next;
    },
    close: async () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function answer(res: ServerResponse, reply: Reply, profile: Partial<ProtocolProfile> | undefined) {
  switch (reply.kind) {
    case 'hang':
      return; // never answers; the client's timeout must fire
    case 'stall':
      res.writeHead(200, { 'content-type': 'application/json' }).write('{');
      return;
    case 'destroy':
      res.socket?.destroy();
      return;
    case 'http':
      res.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body ?? 'upstream error');
      return;
    case 'raw':
      res.writeHead(200, { 'content-type': 'application/json' }).end(reply.body);
      return;
    case 'sealed': {
      if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      const envelope = await sealResponse(
        {
          status_code: reply.statusCode ?? '000000',
          message: reply.message ?? 'SUCCESS',
          data: reply.data ?? [],
          return_info: reply.returnInfo ?? '',
        },
        {
          ...(typeof reply.sensitive === 'string'
            ? { sensitiveText: reply.sensitive }
            : { sensitive: reply.sensitive }),
          etPrivateKey: testKeys.et.privateKeyPem,
          merchantPublicKey: reply.encryptFor ?? testKeys.merchant.publicKeyPem,
          profile,
        },
      );
      if (reply.unsigned) (envelope as Partial<typeof envelope>).sign = undefined;
      if (reply.tamper) envelope.return_info = `${envelope.return_info}tampered`;
      if (res.destroyed) return;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(envelope));
    }
  }
}

/** A port on 127.0.0.1 where nothing listens (connection refused). */
export async function refusedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/server`;
}

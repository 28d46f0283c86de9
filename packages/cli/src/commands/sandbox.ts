import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { printJson, UsageError } from '../io.js';
import { checkPortFree } from '../port-free.js';
import { readProfileFile } from '../profile-file.js';

/**
 * The sandbox's port when --port is not given: the demo's (scripts/demo.mjs, SANDBOX_PORT), so that every README's
 * sandbox URL (http://127.0.0.1:4000/server) works whichever way the sandbox was started. test/sandbox-port.test.ts
 * holds the READMEs to it.
 */
export const DEFAULT_SANDBOX_PORT = 4000;

function portOf(value: unknown): number {
  if (value === undefined) return DEFAULT_SANDBOX_PORT;
  if (typeof value !== 'string' || !/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new UsageError('--port must be 0..65535');
  }
  return Number(value);
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** A busy or forbidden port, in words, with the flag that fixes it. */
function portProblem(error: NodeJS.ErrnoException, port: number, host: string): string {
  const where = `${host}:${port}`;
  if (error.code === 'EADDRINUSE') {
    return `port ${port} is already in use on ${host} (another sandbox, or another server?): stop it, or pass --port with a free port (--port 0 picks one). Nothing was written.`;
  }
  if (error.code === 'EACCES')
    return `not allowed to listen on ${where}: pass --port 1024 or above. Nothing was written.`;
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return `cannot listen on ${where}: --host is not an address of this machine. Nothing was written.`;
  }
  return `cannot listen on ${where} (${error.code ?? error.message}). Nothing was written.`;
}

export const sandboxServe: Command = {
  path: ['sandbox', 'serve'],
  summary: 'run the local EasyTransfer sandbox over HTTP',
  help: `etkit sandbox serve [--port ${DEFAULT_SANDBOX_PORT}] [--host 127.0.0.1] [--data .etkit-sandbox] [--public-url URL] [--time-scale 1]
                    [--key-bits 2048] [--profile FILE]

Starts @etkit/sandbox with its state in --data (created on first start, with generated keys: their file
paths are printed once on stderr, never the keys). Prints {"url", "merchants", ...} on stdout, then serves
until SIGINT/SIGTERM.
--profile FILE: behave like an ET account that uses this protocol profile (e.g. the file etkit doctor --probe
--out wrote): requests made under any other variant are refused as a signature or decryption failure would be,
and responses are sealed in it.`,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    'public-url': { type: 'string' },
    'time-scale': { type: 'string' },
    'key-bits': { type: 'string' },
    profile: { type: 'string' },
  },
  async run(values, io) {
    const port = portOf(values.port);
    const host = (values.host as string | undefined) ?? '127.0.0.1';
    const dataDir = resolve((values.data as string | undefined) ?? '.etkit-sandbox');
    const timeScaleText = values['time-scale'] as string | undefined;
    // A plain decimal: Number('') is 0, which would silently make every resend immediate.
    if (timeScaleText !== undefined && !/^\d+(\.\d+)?$/.test(timeScaleText)) {
      throw new UsageError('--time-scale must be a number ≥ 0, e.g. 1 or 0.001');
    }
    const timeScale = timeScaleText === undefined ? 1 : Number(timeScaleText);
    const publicUrl = values['public-url'] as string | undefined;
    if (publicUrl !== undefined && !isHttpUrl(publicUrl)) throw new UsageError('--public-url must be an http(s) URL');
    const keyBitsText = (values['key-bits'] as string | undefined) ?? '2048';
    const keyBits = Number(keyBitsText);
    if (!/^\d{4}$/.test(keyBitsText) || keyBits < 1024 || keyBits > 8192 || keyBits % 8 !== 0) {
      throw new UsageError('--key-bits must be a multiple of 8 in 1024..8192');
    }
    const profile = typeof values.profile === 'string' ? await readProfileFile(values.profile) : undefined;
    // Before the sandbox creates its data directory, keys and merchant config: a start that cannot serve
    // must leave nothing behind.
    await checkPortFree(port, host).catch((error: NodeJS.ErrnoException) => {
      throw new Error(portProblem(error, port, host));
    });
    // Loaded on demand: the other commands should not pay for the sandbox's start-up.
    const { createSandbox } = await import('@etkit/sandbox');
    const sandbox = await createSandbox({
      dataDir,
      timeScale,
      keyBits,
      ...(publicUrl ? { publicUrl } : {}),
      ...(profile ? { profile } : {}),
      log: (line) => io.stderr(`${line}\n`),
    });
    const url = await sandbox.listen(port, host);
    printJson(io, {
      url,
      apiUrl: `${url}/server`,
      dataDir,
      profile: profile ?? {},
      merchants: sandbox.merchants.map((m) => ({
        merchantNumber: m.merchantNumber,
        subMerchantNumbers: m.subMerchantNumbers,
        privateKeyFile: m.privateKeyFile ? resolve(dataDir, m.privateKeyFile) : null,
        publicKeyFile: m.publicKeyFile ? resolve(dataDir, m.publicKeyFile) : null,
      })),
    });
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        done();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await sandbox.close();
    return 0;
  },
};

import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { builtSiteEntry } from './support/site-build.js';

const appDirectory = fileURLToPath(new URL('..', import.meta.url));

// `pnpm start` on a port something else holds: one line naming the address and the variable to set, exit 1 —
// not Node's EADDRINUSE stack (the demo starts the site this way too). The process runs `src/main.ts` compiled
// beforehand (support/site-build.ts), by `node` itself: the same code as under tsx, a third of the start-up CPU.
it('the site started on a busy port prints one line and exits 1', async () => {
  const occupier: Server = createServer();
  await new Promise<void>((resolve) => occupier.listen(0, '127.0.0.1', resolve));
  const busy = (occupier.address() as { port: number }).port;
  const keys = (bits: number) =>
    generateKeyPairSync('rsa', {
      modulusLength: bits,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
  try {
    const child = spawn(process.execPath, [await builtSiteEntry()], {
      cwd: appDirectory,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOST: '127.0.0.1',
        PORT: String(busy),
        ET_ENVIRONMENT: 'http://127.0.0.1:9/server',
        ET_MERCHANT_NUMBER: 'ET82009',
        ET_SUB_MERCHANT_NUMBER: 'ET82009S001',
        ET_MERCHANT_PRIVATE_KEY: keys(1024).privateKey,
        ET_PUBLIC_KEY: keys(1024).publicKey,
        ET_NOTIFY_SALT: 'busy-port-salt',
        STAFF_USER: 'bursar',
        STAFF_PASSWORD: 'a-long-staff-password',
        PGLITE_DATA_DIR: 'memory://',
        RECONCILE_INTERVAL_SECONDS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect({ code, stderr }).toEqual({
      code: 1,
      stderr: `merchant-express: cannot listen on 127.0.0.1:${busy} (the port is already in use): set PORT (or HOST)\n`,
    });
  } finally {
    occupier.close();
  }
}, 30_000);

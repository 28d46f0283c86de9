import { createServer } from 'node:net';

/**
 * Binds host:port and lets go at once, rejecting with Node's error (code EADDRINUSE, EACCES, …) when it cannot.
 * `pnpm start` calls it before opening the database, so a taken port is reported in well under a second instead of
 * after a PGlite start; the site still binds for real afterwards (and reports the same way if it loses a race).
 */
export async function checkPortFree(host: string, port: number): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(port, host, () => resolve());
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

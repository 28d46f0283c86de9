import { createServer } from 'node:net';

/**
 * Resolves when `port` on `host` can be bound, by binding it and letting go at once; rejects with the bind
 * error's code (`EADDRINUSE`, `EACCES`, …) otherwise. Checked before a command writes anything, so a busy port
 * leaves no keys or config behind. Port 0 (any free port) always passes.
 */
export function checkPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(error));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

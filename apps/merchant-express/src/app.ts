import { fileURLToPath } from 'node:url';
import type { ProtocolProfile } from '@etkit/crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Database } from './db/database';
import type { PaymentGateway } from './gateway';
import { OrderUpdates } from './order-updates';
import { liveUpdatesRoute } from './routes/live-updates';
import { notificationsRoute } from './routes/notifications';
import { orderRoutes } from './routes/orders';
import { noStore, securityHeaders } from './routes/security';

export interface AppOptions {
  db: Database;
  gateway: PaymentGateway;
  publicUrl: string;
  notifySalts: readonly string[];
  profile?: Partial<ProtocolProfile>;
  updates?: OrderUpdates;
  /** Live-update event streams held open at once (GET /events); beyond it 503. Default 1000. */
  maxLiveConnections?: number;
  /** Safe log lines only (ids, codes, outcomes). Default: console.log. */
  log?: (line: string) => void;
}

const publicDirectory = fileURLToPath(new URL('../public/', import.meta.url));

export function createApp(options: AppOptions) {
  const { db, gateway } = options;
  const updates = options.updates ?? new OrderUpdates();
  const log = options.log ?? ((line: string) => console.log(line));
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  // ET's notifications: mounted before any body parser, since the signature covers the raw body.
  app.post(
    '/notifications',
    notificationsRoute(db, updates, { salts: options.notifySalts, profile: options.profile, log }),
  );

  app.use(securityHeaders);
  app.use('/assets', express.static(publicDirectory, { maxAge: '1h', index: false }));
  app.use(noStore);
  app.get('/health', (_req, res) => {
    res.json({ ok: true, database: db.kind });
  });
  app.get('/events', liveUpdatesRoute(db, updates, { maxConnections: options.maxLiveConnections }));
  app.use(orderRoutes(db, gateway, { publicUrl: options.publicUrl, log }));

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    // Name and code only: messages from drivers can quote SQL parameters (personal data).
    const name = error instanceof Error ? error.name : typeof error;
    const code = error instanceof Error && 'code' in error ? ` ${String(error.code)}` : '';
    log(`request failed: ${name}${code}`);
    if (!res.headersSent) res.status(500).type('text/plain').send('Something went wrong. Please try again.');
  });

  return { app, updates };
}

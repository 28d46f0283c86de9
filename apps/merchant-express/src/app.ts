import { fileURLToPath } from 'node:url';
import type { ProtocolProfile } from '@etkit/crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { budgetedDatabases, type QueryBudget } from './db/budget.js';
import type { Database } from './db/database.js';
import { defaultSiteDisplay, type SiteDisplay } from './display/site-display.js';
import type { PaymentGateway } from './gateway.js';
import { LiveHub } from './live/live-hub.js';
import { OrderUpdates } from './order-updates.js';
import { findOrders } from './orders/repository.js';
import { errorPage } from './pages/error-page.js';
import { liveUpdatesRoute } from './routes/live-updates.js';
import { type StaffAccess, staffRoutes } from './routes/login.js';
import { notificationsRoute } from './routes/notifications.js';
import { orderRoutes } from './routes/orders.js';
import { noStore, securityHeaders } from './routes/security.js';

export interface AppOptions {
  /** The database notifications are applied to (on PostgreSQL: the notification pool). */
  db: Database;
  /**
   * Where pages and live streams read and write: a second, smaller PostgreSQL pool, so page traffic cannot take
   * the connections a notification needs. Default: `db` (PGlite has one connection anyway).
   */
  pagesDb?: Database;
  /** Page and live-stream statements at once. Default: 1 on PGlite (one connection), 4 on PostgreSQL. */
  pageConcurrency?: number;
  gateway: PaymentGateway;
  publicUrl: string;
  notifySalts: readonly string[];
  profile?: Partial<ProtocolProfile>;
  updates?: OrderUpdates;
  /** The staff login. Without it, the staff pages and /events refuse everyone (the notification endpoint works). */
  staff?: StaffAccess;
  /** Live-update event streams held open at once (GET /events); beyond it 503. Default 1000. */
  maxLiveConnections?: number;
  /** Live-update event streams one login session may hold at once; beyond it 429. Default 8. */
  maxLiveConnectionsPerSession?: number;
  /** Fee types offered and the time zone shown. Default: the published fee types, UTC+8. */
  display?: SiteDisplay;
  /** Safe log lines only (ids, codes, outcomes). Default: console.log. */
  log?: (line: string) => void;
}

const publicDirectory = fileURLToPath(new URL('../public/', import.meta.url));

export function createApp(options: AppOptions) {
  const { gateway } = options;
  const updates = options.updates ?? new OrderUpdates();
  const log = options.log ?? ((line: string) => console.log(line));
  const display = options.display ?? defaultSiteDisplay;
  const databases = budgetedDatabases(options.db, options.pagesDb ?? options.db, {
    pageConcurrency: options.pageConcurrency ?? (options.db.kind === 'pglite' ? 1 : 4),
  });
  const hub = new LiveHub(
    (ids) => findOrders(databases.pages, ids),
    updates,
    (error) =>
      log(`live update read failed: ${error instanceof Error && 'code' in error ? String(error.code) : 'error'}`),
    display,
  );
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  // ET's notifications: mounted before any body parser, since the signature covers the raw body. Open to
  // anyone (ET does not sign in): the salted signature is what admits a notification.
  app.post(
    '/notifications',
    notificationsRoute(databases.notifications, updates, {
      salts: options.notifySalts,
      profile: options.profile,
      log,
    }),
  );

  app.use(securityHeaders);
  app.use('/assets', express.static(publicDirectory, { maxAge: '1h', index: false }));
  app.use(noStore);
  app.get('/health', (_req, res) => {
    res.json({ ok: true, database: options.db.kind });
  });
  const staff = staffRoutes(options.staff, { publicUrl: options.publicUrl });
  app.use(staff.router);
  // Everything below is for the merchant's staff: orders show students' names.
  app.use(staff.requireStaff);
  app.get(
    '/events',
    liveUpdatesRoute(hub, {
      maxConnections: options.maxLiveConnections,
      maxPerSession: options.maxLiveConnectionsPerSession,
    }),
  );
  app.use(orderRoutes(databases.pages, gateway, { publicUrl: options.publicUrl, log, updates, display }));
  app.use((_req: Request, res: Response) => {
    res.status(404).type('html').send(errorPage(404, true));
  });

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    // Name and code only: messages from drivers can quote SQL parameters (personal data).
    const name = error instanceof Error ? error.name : typeof error;
    const code = error instanceof Error && 'code' in error ? ` ${String(error.code)}` : '';
    log(`request failed: ${name}${code}`);
    if (!res.headersSent)
      res
        .status(500)
        .type('html')
        .send(errorPage(500, res.locals.staff !== undefined));
  });

  return { app, updates, hub, budget: databases.budget as QueryBudget };
}

import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { FailedAttempts } from '../login/failed-attempts.js';
import { passwordMatches, type StaffPassword, sameText } from '../login/password.js';
import type { SessionSigner, StaffSession } from '../login/sessions.js';
import { loginPage } from '../pages/login-page.js';
import { sameOriginOnly } from './security.js';

/** Who may use the staff pages: one configured account (a production site plugs in its own login). */
export interface StaffAccess {
  user: string;
  password: StaffPassword;
  sessions: SessionSigner;
}

const COOKIE = 'etkit_staff';

/** The value of cookie `name` in a Cookie header, or undefined. */
function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Only a path on this site may be the place to go back to after signing in (no `//host`, no `/\host`). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) && next.length <= 500 ? next : '/orders';
}

export interface StaffRoutes {
  /** GET/POST /login and POST /logout. */
  router: Router;
  /** In front of every staff page and /events: sets res.locals.staff, else redirects to /login (or 401). */
  requireStaff: (req: Request, res: Response, next: NextFunction) => void;
}

/**
 * A simple, real sign-in for the merchant's staff: one configured user and password (compared in constant
 * time), a signed session cookie (HttpOnly, SameSite=Lax, Secure over https, 8 hours), sign-out. Lax rather
 * than Strict so the cookie comes along when EasyTransfer sends the payer back to the order page (a
 * top-level GET from another site); posts are guarded against other sites by `sameOriginOnly`.
 */
export function staffRoutes(access: StaffAccess | undefined, options: { publicUrl: string }): StaffRoutes {
  const router = Router();
  const sameOrigin = sameOriginOnly(options.publicUrl);
  const form = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 5 });
  const secure = options.publicUrl.startsWith('https:');
  const attempts = new FailedAttempts();
  const cookie = (value: string, maxAgeSeconds: number) =>
    `${COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
  const sessionOf = (req: Request): StaffSession | undefined => {
    const value = readCookie(req.get('cookie'), COOKIE);
    return value === undefined || access === undefined ? undefined : access.sessions.verify(value);
  };

  router.get('/login', (req, res) => {
    const next = safeNext(req.query.next);
    if (sessionOf(req) !== undefined) {
      res.redirect(303, next);
      return;
    }
    res.type('html').send(loginPage(next));
  });

  router.post('/login', sameOrigin, form, async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const next = safeNext(body.next);
    const address = req.ip ?? '';
    if (access === undefined) {
      res.status(503).type('html').send(loginPage(next, 'Staff sign-in is not configured on this site.'));
      return;
    }
    if (attempts.blocked(address)) {
      res
        .status(429)
        .set('retry-after', '900')
        .type('html')
        .send(loginPage(next, 'Too many failed attempts. Try again later.'));
      return;
    }
    const user = typeof body.user === 'string' ? body.user : '';
    const password = typeof body.password === 'string' ? body.password : '';
    // Both checks always run, so the time taken does not tell a wrong user from a wrong password.
    const [userOk, passwordOk] = [sameText(access.user, user), await passwordMatches(access.password, password)];
    if (!(userOk && passwordOk)) {
      attempts.record(address);
      res.status(401).type('html').send(loginPage(next, 'Wrong user name or password.'));
      return;
    }
    attempts.clear(address);
    const issued = access.sessions.issue(access.user);
    res.setHeader('set-cookie', cookie(issued.value, Math.floor(access.sessions.ttlMs / 1000)));
    res.redirect(303, next);
  });

  router.post('/logout', sameOrigin, (req, res) => {
    const session = sessionOf(req);
    if (session !== undefined) access?.sessions.revoke(session);
    res.setHeader('set-cookie', cookie('', 0));
    res.redirect(303, '/login');
  });

  const requireStaff = (req: Request, res: Response, next: NextFunction) => {
    const session = sessionOf(req);
    if (session !== undefined) {
      res.locals.staff = session;
      next();
      return;
    }
    if (req.method === 'GET' && req.path !== '/events') {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    res.status(401).type('text/plain').send('Sign in first.');
  };

  return { router, requireStaff };
}

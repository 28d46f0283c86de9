import { createHash, randomBytes } from 'node:crypto';
import type { AppConfig } from '../config.js';
import type { StaffAccess } from '../routes/login.js';
import { SessionSigner } from './sessions.js';

/**
 * The staff login from the configuration. Without SESSION_SECRET the cookies are signed with a key made at
 * start: sessions then end when the process restarts and hold on this instance only (set SESSION_SECRET, the
 * same on every instance, behind a load balancer).
 */
export function staffAccessFrom(config: Pick<AppConfig, 'staff' | 'sessionSecret'>): StaffAccess {
  const key =
    config.sessionSecret === undefined
      ? randomBytes(32)
      : createHash('sha256').update(`etkit staff sessions\0${config.sessionSecret}`).digest();
  return { user: config.staff.user, password: config.staff.password, sessions: new SessionSigner(key) };
}

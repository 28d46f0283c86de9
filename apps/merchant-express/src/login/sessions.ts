import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface StaffSession {
  user: string;
  /** Random, per login: what the live-stream cap counts and logout revokes. */
  sessionId: string;
  expiresAt: number;
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * Staff sessions as signed cookies: `<payload>.<HMAC-SHA256 of it>`, payload base64url JSON {u, s, e}. Stateless,
 * so every instance that shares SESSION_SECRET accepts them. Logout revokes the session id on the instance that
 * served it (kept until the session would have expired anyway) and clears the browser's cookie.
 */
export class SessionSigner {
  private readonly revoked = new Map<string, number>();

  constructor(
    private readonly secret: Uint8Array,
    readonly ttlMs = 8 * 60 * 60 * 1000,
  ) {
    if (secret.length < 32) throw new Error('session secret must be at least 32 bytes');
  }

  issue(user: string, now = Date.now()): { value: string; session: StaffSession } {
    const session: StaffSession = { user, sessionId: base64url(randomBytes(16)), expiresAt: now + this.ttlMs };
    const payload = base64url(Buffer.from(JSON.stringify({ u: user, s: session.sessionId, e: session.expiresAt })));
    return { value: `${payload}.${this.mac(payload)}`, session };
  }

  /** The session a cookie value carries, or undefined when it is forged, altered, expired or logged out. */
  verify(value: string, now = Date.now()): StaffSession | undefined {
    const dot = value.indexOf('.');
    if (dot <= 0 || value.length > 512) return undefined;
    const payload = value.slice(0, dot);
    // Compared as text, not decoded bytes: base64url's last character carries unused bits, so several texts
    // decode to one signature, and an altered cookie must never pass.
    const given = Buffer.from(value.slice(dot + 1), 'utf8');
    const expected = Buffer.from(this.mac(payload), 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let fields: { u?: unknown; s?: unknown; e?: unknown };
    try {
      fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (typeof fields.u !== 'string' || typeof fields.s !== 'string' || typeof fields.e !== 'number') return undefined;
    if (fields.e <= now || this.revoked.has(fields.s)) return undefined;
    return { user: fields.u, sessionId: fields.s, expiresAt: fields.e };
  }

  revoke(session: StaffSession, now = Date.now()): void {
    for (const [id, expiresAt] of this.revoked) if (expiresAt <= now) this.revoked.delete(id);
    this.revoked.set(session.sessionId, session.expiresAt);
  }

  private mac(payload: string): string {
    return base64url(createHmac('sha256', this.secret).update(payload).digest());
  }
}

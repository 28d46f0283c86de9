import { randomBytes } from 'node:crypto';
import { SessionSigner } from '../../src/login/sessions.js';
import type { StaffAccess } from '../../src/routes/login.js';

/** The staff account the tests sign in with. */
export const TEST_STAFF = { user: 'bursar', password: 'correct horse battery staple' } as const;

export const testStaffAccess = (): StaffAccess => ({
  user: TEST_STAFF.user,
  password: { kind: 'plain', password: TEST_STAFF.password },
  sessions: new SessionSigner(randomBytes(32)),
});

/** Signs in through POST /login and returns the Cookie header value to send with later requests. */
export async function signIn(siteUrl: string, credentials: { user: string; password: string } = TEST_STAFF) {
  const response = await fetch(`${siteUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user: credentials.user, password: credentials.password, next: '/orders' }),
  });
  const setCookie = response.headers.get('set-cookie');
  if (response.status !== 303 || setCookie === null) throw new Error(`sign-in failed: ${response.status}`);
  return setCookie.split(';')[0]!;
}

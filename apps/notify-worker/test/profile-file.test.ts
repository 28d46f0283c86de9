import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildNotification } from '@etkit/notify/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { readWorkerConfig } from '../src/config.ts';
import { createWorker } from '../src/worker.ts';

const SALT = 'worker-profile-salt-7';
const dir = mkdtempSync(join(tmpdir(), 'notify-worker-profile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fileWith = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('ET_PROFILE_FILE: the profile file etkit doctor --probe --out writes', () => {
  it('is read as it is, and the worker verifies notifications under its notificationRule', async () => {
    const file = fileWith('legacy.json', JSON.stringify({ signatureHash: 'SHA-1', notificationRule: 'v1' }));
    expect(readWorkerConfig({ ET_NOTIFY_SALT: SALT, ET_PROFILE_FILE: file }).profile).toEqual({
      signatureHash: 'SHA-1',
      notificationRule: 'v1',
    });
    const built = buildNotification({ salt: SALT, kind: 'payment_result', rule: 'v1', fields: { order_id: 'ET-P-1' } });
    const post = (handler: (request: Request) => Promise<Response>) =>
      handler(
        new Request('http://worker.test/notifications', {
          method: 'POST',
          headers: { 'content-type': built.contentType },
          body: built.body,
        }),
      );
    const withFile = createWorker({ ET_NOTIFY_SALT: SALT, ET_PROFILE_FILE: file }, { log: () => {}, sink: okSink() });
    expect(await (await post(withFile)).json()).toEqual({ notify_result: 'OK' });
    // Without the file (v2, the default), the same legacy-signed body is refused.
    const withoutFile = createWorker({ ET_NOTIFY_SALT: SALT }, { log: () => {}, sink: okSink() });
    expect((await (await post(withoutFile)).text()).includes('"OK"')).toBe(false);
  });

  it('names the variable for an unreadable, non-object or invalid file', () => {
    const problems = (path: string) => {
      try {
        readWorkerConfig({ ET_NOTIFY_SALT: SALT, ET_PROFILE_FILE: path });
      } catch (error) {
        return (error as Error).message;
      }
      return 'no problem';
    };
    expect(problems(join(dir, 'missing.json'))).toContain('ET_PROFILE_FILE names a file that cannot be read');
    expect(problems(fileWith('list.json', '[]'))).toContain('ET_PROFILE_FILE must hold a JSON object');
    expect(problems(fileWith('bad.json', '{"notificationRule":"v3"}'))).toMatch(/ET_PROFILE_FILE: .*notificationRule/);
  });
});

function okSink() {
  return { notification: async () => {}, unreadable: async () => {} };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeEt, startFakeEt } from './helpers/fake-et.js';
import { clientKeys, merchant } from './helpers/keys.js';

// Which transport a client gets when none is given, seen from the server: the Fetch API marks its requests with
// `sec-fetch-mode`, undici's request API does not.
describe('default transport per entry', () => {
  let et: FakeEt;
  beforeAll(async () => {
    et = await startFakeEt();
  });
  afterAll(() => et.close());

  const sentWithFetch = () => et.received.at(-1)?.headers['sec-fetch-mode'] !== undefined;

  it('is undici for the package name on Node (the `node` export condition)', async () => {
    const entry = await import('@etkit/client');
    expect('undiciTransport' in entry).toBe(true);
    await entry.createClient({ environment: et.url, ...merchant, keys: clientKeys }).getRate({});
    expect(sentWithFetch()).toBe(false);
  });

  it('is fetch for the portable entry', async () => {
    const portable = await import('../src/index.js');
    expect('undiciTransport' in portable).toBe(false);
    await portable.createClient({ environment: et.url, ...merchant, keys: clientKeys }).getRate({});
    expect(sentWithFetch()).toBe(true);
  });
});

import { Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, EtkitClientError } from '../src/index.js';
import { undiciTransport } from '../src/index.node.js';
import { type FakeEt, startFakeEt } from './helpers/fake-et.js';
import { clientKeys, merchant } from './helpers/keys.js';

// The pipeline awaits the undici transport on its own Agent directly, without racing it against the attempt's
// abort (undici rejects at once, body included); a dispatcher passed in is raced like any other transport.
describe('undici transport and the attempt budget', () => {
  let et: FakeEt;
  beforeAll(async () => {
    et = await startFakeEt();
  });
  afterAll(() => et.close());

  const clientOn = (transport: ReturnType<typeof undiciTransport>) =>
    createClient({ environment: et.url, ...merchant, keys: clientKeys, retry: false, timeoutMs: 100, transport });

  it.each(['hang', 'stall'] as const)('times out when ET does %s, on its own Agent, without the race', async (kind) => {
    et.setHandler(() => ({ kind }));
    const transport = undiciTransport();
    const error = await clientOn(transport)
      .getRate({})
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(EtkitClientError);
    expect((error as EtkitClientError).code).toBe('TIMEOUT');
    await transport.close();
  });

  it('times out on a dispatcher that ignores the abort: that one is raced', async () => {
    // Takes every request and never calls its handler back, abort included.
    class DeafDispatcher extends Dispatcher {
      dispatched = 0;
      override dispatch(): boolean {
        this.dispatched++;
        return true;
      }
      override async close(): Promise<void> {}
    }
    const dispatcher = new DeafDispatcher();
    const error = await clientOn(undiciTransport({ dispatcher }))
      .getRate({})
      .catch((reason: unknown) => reason);
    expect((error as EtkitClientError).code).toBe('TIMEOUT');
    expect(dispatcher.dispatched).toBe(1);
  });
});

// The client's methods are keyed from the registry of @etkit/openapi: one method per operation, which sends the
// operation's server_type (the profile's, for the operations whose server_type ET has not published).
import { operationNames, operations } from '@etkit/openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type EtClient } from '../src/index.js';
import { type FakeEt, startFakeEt } from './helpers/fake-et.js';
import { clientKeys, merchant } from './helpers/keys.js';

const profileServerTypes = { estimateAmount: 'agreed_estimate_amount', applyRefund: 'agreed_apply_refund' };

// The smallest valid input of the typed methods; an operation with open payloads takes `{}`.
const inputs: Partial<Record<(typeof operationNames)[number], unknown>> = {
  createOrder: { merchant_order_id: 'M-1', merchant_user_key: 'u-1', country_code: 'GBR', currency_code: 'GBP' },
  uploadAttachment: { order_id: 'ET1', attachment_type: 1, file_name: 'a.pdf', file: new Uint8Array([1]) },
  getPaymentUrl: { order_id: 'ET1' },
  redirectOrder: { merchant_order_id: 'M-2' },
};

describe('client methods from the registry', () => {
  let et: FakeEt;
  let client: EtClient;
  beforeAll(async () => {
    et = await startFakeEt();
    et.setHandler(() => ({ kind: 'sealed', data: [] }));
    client = createClient({
      environment: et.url,
      ...merchant,
      keys: clientKeys,
      profile: { serverTypes: profileServerTypes },
    });
  });
  afterAll(() => et.close());

  it.each(operationNames)('%s sends its server_type', async (name) => {
    const method = client[name] as (input: unknown) => Promise<unknown>;
    expect(method).toBeTypeOf('function');
    await method(inputs[name] ?? {});
    const expected = operations[name].serverType ?? profileServerTypes[name as keyof typeof profileServerTypes];
    expect(et.received.at(-1)!.serverType).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { idempotencyKeyOf } from '../src/idempotency-key.js';
import {
  createDeliveryProcessor,
  createMemoryInbox,
  createNotificationVerifier,
  type DeliveryFailure,
  type Inbox,
  NotificationError,
  parseNotificationBody,
} from '../src/index.js';
import { buildNotification, sampleFields } from '../src/testing.js';

const salt = 'delivery-salt';
const built = buildNotification({ salt, kind: 'refund_result' });
const delivery = { method: 'POST', contentType: built.contentType, readBody: async () => built.body };

/** An inbox whose chosen method fails. */
function failingInbox(failing: keyof Inbox): Inbox {
  const fail = async (): Promise<never> => {
    throw new Error(`${failing} failed`);
  };
  return {
    claim: failing === 'claim' ? fail : async () => 'claimed',
    complete: failing === 'complete' ? fail : async () => {},
    release: failing === 'release' ? fail : async () => {},
  };
}

function setup(inbox: Inbox, onNotification: () => unknown = () => {}) {
  const failures: DeliveryFailure[] = [];
  let calls = 0;
  const processDelivery = createDeliveryProcessor({
    salt,
    inbox,
    onNotification: () => {
      calls++;
      return onNotification();
    },
    onError: (failure) => failures.push(failure),
  });
  return { processDelivery, failures, calls: () => calls };
}

describe('delivery flow: inbox and reporter failures', () => {
  it('answers 500 INBOX_FAILED without calling the handler when the claim fails', async () => {
    const { processDelivery, failures, calls } = setup(failingInbox('claim'));
    const answer = await processDelivery(delivery);
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body)).toMatchObject({ notify_result: 'FAIL', code: 'INBOX_FAILED' });
    expect(calls()).toBe(0);
    expect(failures.map((f) => f.code)).toEqual(['INBOX_FAILED']);
  });

  it('still answers OK (signed, for a refund) when only recording completion fails, and reports it', async () => {
    const { processDelivery, failures, calls } = setup(failingInbox('complete'));
    const answer = await processDelivery(delivery);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ notify_result: 'OK', order_id: 'ET2026112800000001' });
    expect(calls()).toBe(1);
    expect(failures.map((f) => f.code)).toEqual(['INBOX_FAILED']);
  });

  it('answers HANDLER_FAILED and reports the failed release too', async () => {
    const { processDelivery, failures } = setup(failingInbox('release'), () => {
      throw new Error('boom');
    });
    const answer = await processDelivery(delivery);
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'HANDLER_FAILED' });
    expect(failures.map((f) => f.code)).toEqual(['INBOX_FAILED', 'HANDLER_FAILED']);
    expect((failures[1]!.error as Error).message).toBe('boom');
    expect(failures[1]!.kind).toBe('refund_result');
  });

  it('survives a reporter that throws', async () => {
    const processDelivery = createDeliveryProcessor({
      salt,
      onNotification: () => {},
      onError: () => {
        throw new Error('reporter down');
      },
    });
    const bad = buildNotification({ salt, tamper: 'bad-sign' });
    const answer = await processDelivery({
      method: 'POST',
      contentType: bad.contentType,
      readBody: async () => bad.body,
    });
    expect(answer.status).toBe(400);
  });

  it('answers a body reader that refuses with its code, and lets an unexpected reader error through', async () => {
    const { processDelivery } = setup(failingInbox('release'));
    const tooLarge = await processDelivery({
      ...delivery,
      readBody: async () => {
        throw new NotificationError('BODY_TOO_LARGE', 'too large');
      },
    });
    expect(tooLarge.status).toBe(413);
    await expect(
      processDelivery({
        ...delivery,
        readBody: async () => {
          throw new Error('socket hang up');
        },
      }),
    ).rejects.toThrow('socket hang up');
  });
});

// A notification ET signed but etkit cannot read into its kind (here: no pay_datetime) is refused, so ET resends
// it; after ET's last resend it would be gone. The failure hands the receiver its fields to keep.
describe('delivery flow: a verified notification whose fields cannot be read', () => {
  const { pay_datetime: _, ...withoutTime } = sampleFields('payment_result');
  const unreadable = buildNotification({ salt, fields: withoutTime });
  const unreadableDelivery = {
    method: 'POST',
    contentType: unreadable.contentType,
    readBody: async () => unreadable.body,
  };

  it('answers MALFORMED and reports the verified fields, kind and idempotency key', async () => {
    const { processDelivery, failures, calls } = setup(createMemoryInbox());
    const answer = await processDelivery(unreadableDelivery);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ notify_result: 'FAIL', code: 'MALFORMED' });
    expect(answer.body).not.toContain(withoutTime.order_id);
    expect(calls()).toBe(0);
    const [failure] = failures;
    const fields = await parseNotificationBody(unreadable.body, unreadable.contentType);
    expect(failure).toMatchObject({
      code: 'MALFORMED',
      kind: 'payment_result',
      idempotencyKey: idempotencyKeyOf('payment_result', fields),
    });
    expect({ ...failure!.verifiedFields }).toEqual({ ...fields });
  });

  it('waits for a promise onError returns before answering, so the fields can be stored first', async () => {
    const stored: DeliveryFailure[] = [];
    const processDelivery = createDeliveryProcessor({
      salt,
      onNotification: () => {},
      onError: async (failure) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        stored.push(failure);
      },
    });
    const answer = await processDelivery(unreadableDelivery);
    expect(answer.status).toBe(400);
    expect(stored.map((failure) => failure.verifiedFields?.order_id)).toEqual([withoutTime.order_id]);
  });

  it('keeps the fields off the error’s enumerable properties, so loggers do not print them', async () => {
    const verifier = createNotificationVerifier({ salt });
    const error = await verifier.open(unreadable).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(NotificationError);
    expect((error as NotificationError).verified?.kind).toBe('payment_result');
    expect(Object.keys(error as object)).not.toContain('verified');
    expect(JSON.stringify(error)).not.toContain(withoutTime.order_id);
    expect(String(error)).not.toContain(withoutTime.order_id);
  });

  it('reports no fields for a notification whose signature does not verify', async () => {
    const forged = buildNotification({ salt: 'another-salt', fields: withoutTime });
    const { processDelivery, failures } = setup(createMemoryInbox());
    const answer = await processDelivery({ ...unreadableDelivery, readBody: async () => forged.body });
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'SIGNATURE_INVALID' });
    expect(failures[0]!.verifiedFields).toBeUndefined();
    const error = await createNotificationVerifier({ salt })
      .open(forged)
      .catch((reason: unknown) => reason);
    expect((error as NotificationError).verified).toBeUndefined();
  });
});

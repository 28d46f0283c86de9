import { createClient } from '@etkit/client';
import { importPrivateKey, importPublicKey } from '@etkit/crypto';
import { idempotencyKeyOf, kindOf } from '@etkit/notify';
import { createSandbox, type DeliveryRecord, type Sandbox } from '@etkit/sandbox';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { createEtGateway } from '../src/et-gateway.js';
import type { PaymentGateway } from '../src/gateway.js';
import { applyNotification } from '../src/notifications/apply.js';
import { OrderUpdates } from '../src/order-updates.js';
import { insertOrder, markOrderCreated } from '../src/orders/repository.js';
import { reconcileOrders } from '../src/reconcile.js';
import { openTestDatabase } from './support/databases.js';

/** What ET may do next to an order, whatever its status (the sandbox refuses what its status does not allow). */
type Action = 'pay' | 'fail' | 'advance' | 'refund' | 'refund-ok' | 'refund-fails';
/** Sandbox time between two actions: 0 or 0.3 s usually land in the same second as the previous action. */
const step = fc.constantFrom(0, 0, 300, 1000, 2000);

/** Step `i` of a delivery plan: deliver the next notification, deliver one again, or let the site check. */
type Move = 'deliver' | 'again' | 'check' | 'check-racing';

describe('convergence with ET, whatever the order of deliveries (property)', () => {
  let db: Database;
  let closeDb: () => Promise<void>;
  let sandbox: Sandbox;
  let gateway: PaymentGateway;
  let sandboxTime = Date.UTC(2026, 10, 28, 2, 0, 0);

  beforeAll(async () => {
    // A copy of the ready-made data directory: initdb in `memory://` was a third of the file's CPU.
    ({ db, close: closeDb } = await openTestDatabase('pglite'));
    sandbox = await createSandbox({
      keyBits: 1024,
      clock: { now: () => sandboxTime },
      log: () => {},
      // ET's own deliveries fail at once (nothing listens): the property delivers every notification itself.
      fetch: async () => new Response('down', { status: 503 }),
    });
    const merchant = sandbox.merchants[0]!;
    merchant.notifyUrl = 'http://merchant.invalid/notifications';
    const client = createClient({
      environment: 'http://sandbox.invalid/server',
      merchantNumber: merchant.merchantNumber,
      subMerchantNumber: merchant.subMerchantNumbers[0]!,
      keys: {
        merchantPrivateKey: await importPrivateKey(merchant.privateKeyPem!),
        etPublicKey: await importPublicKey(sandbox.etPublicKeyPem),
      },
      transport: sandbox.transport,
    });
    gateway = createEtGateway(client);
  }, 120_000);

  afterAll(async () => {
    await sandbox?.close();
    await closeDb?.();
  });

  const deliver = (record: DeliveryRecord) => {
    const kind = kindOf(record.fields);
    return applyNotification(db, { kind, idempotencyKey: idempotencyKeyOf(kind, record.fields), raw: record.fields });
  };

  it('status, payment and refunded total equal ET’s after every notification and the checks they prompted', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(fc.constantFrom<Action>('pay', 'fail', 'advance', 'refund', 'refund-ok', 'refund-fails'), step),
          {
            minLength: 2,
            maxLength: 12,
          },
        ),
        fc.array(fc.constantFrom<Move>('deliver', 'deliver', 'deliver', 'again', 'check', 'check-racing'), {
          minLength: 40,
          maxLength: 40,
        }),
        fc.integer(),
        async (actions, moves, seed) => {
          run += 1;
          const merchantOrderId = `PROP-${run}`;
          const order = {
            studentFirstName: 'Kenji',
            studentLastName: 'Sato',
            studentEmail: 'kenji@example.test',
            schoolName: 'University of Sheffield',
            countryCode: 'GBR',
            feeType: 7,
            amount: '1200.00',
            currencyCode: 'GBP',
          };
          await insertOrder(db, merchantOrderId, order);
          const { etOrderId } = await gateway.createOrder({
            ...order,
            merchantOrderId,
            merchantUserKey: `student-${merchantOrderId}`,
            notifyUrl: 'http://merchant.invalid/notifications',
            statusChangeNotifyUrl: 'http://merchant.invalid/notifications',
            backJumpUrl: 'http://merchant.invalid/',
          });
          await markOrderCreated(db, merchantOrderId, etOrderId);

          // ET's life of the order; actions its status does not allow are skipped, as ET would refuse them.
          let refunds = 0;
          // Paid first (a failed attempt now and then before it): the rest of the life follows.
          for (const [action, ms] of [['fail', 0] as const, ['pay', 0] as const, ...actions].slice(
            seed % 2 === 0 ? 1 : 0,
          )) {
            sandboxTime += ms;
            try {
              if (action === 'pay') sandbox.payOrder(etOrderId);
              else if (action === 'fail') sandbox.failOrder(etOrderId);
              else if (action === 'advance') sandbox.advanceOrder(etOrderId);
              else if (action === 'refund') {
                refunds += 1;
                sandbox.refundOrder(etOrderId, { amount: '100.25', refundOrderId: `R-${etOrderId}-${refunds}` });
              } else sandbox.completeRefund(etOrderId, { success: action === 'refund-ok' });
            } catch {}
          }
          sandboxTime += 5_000;

          // Every notification delivered in an order fixed by the seed, some twice, with checks in between;
          // a racing check has a notification applied between ET's answer and its own.
          const queue = shuffle(
            sandbox.notifications.list().filter((record) => record.orderId === etOrderId),
            seed,
          );
          const delivered: DeliveryRecord[] = [];
          const next = async () => {
            const record = queue.shift();
            if (record === undefined) return;
            await deliver(record);
            delivered.push(record);
          };
          const racing: PaymentGateway = {
            ...gateway,
            async queryOrders(query) {
              const answer = await gateway.queryOrders(query);
              await next();
              return answer;
            },
          };
          const pass = (through: PaymentGateway) =>
            reconcileOrders(db, through, new OrderUpdates(), { olderThanMs: 3_600_000, markedOnly: true });
          for (const move of moves) {
            if (move === 'deliver') await next();
            else if (move === 'again' && delivered.length > 0)
              await deliver(delivered[Math.abs(seed) % delivered.length]!);
            else if (move === 'check') await pass(gateway);
            else if (move === 'check-racing') await pass(racing);
          }
          while (queue.length > 0) await next();
          // The checks the notifications asked for (the site runs them shortly after): no full pass needed.
          await pass(gateway);

          const et = sandbox.orders.get(etOrderId)!;
          const refunded = et.refunds.find((refund) => refund.result === 'succeeded')?.amount ?? '0';
          const [books] = await db.query<{ status: number; refunded: string; payments: number; marked: boolean }>(
            `SELECT status, refunded_amount::text AS refunded, check_wanted_seq > checked_seq AS marked,
                    (SELECT count(*)::int FROM payments p WHERE p.et_order_id = o.et_order_id) AS payments
             FROM orders o WHERE et_order_id = $1`,
            [etOrderId],
          );
          expect(books).toEqual({
            status: et.status,
            refunded,
            payments: et.paidAt === undefined ? 0 : 1,
            marked: false,
          });
          // A full pass afterwards changes nothing and finds nothing to argue about.
          const full = await reconcileOrders(db, gateway, new OrderUpdates(), { olderThanMs: 0 });
          expect(full.changed).toEqual([]);
          expect(full.discrepancies).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});

function shuffle<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

import { buildNotification } from '@etkit/notify/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { QueryBudget } from '../src/db/budget.js';
import type { Database } from '../src/db/database.js';
import type { PaymentGateway } from '../src/gateway.js';
import { openTestDatabase } from './support/databases.js';
import { serve } from './support/serve.js';
import { signIn, testStaffAccess } from './support/staff.js';

const SALT = 'budget-test-salt';
const unusedGateway: PaymentGateway = {
  createOrder: () => Promise.reject(new Error('not expected in this test')),
  getPaymentUrl: () => Promise.reject(new Error('not expected in this test')),
  queryOrders: () => Promise.reject(new Error('not expected in this test')),
};

let raw: Database;
let closeDb: () => Promise<void>;

beforeAll(async () => {
  ({ db: raw, close: closeDb } = await openTestDatabase('pglite'));
  // 120 orders in one statement: the order list reads 100 of them.
  await raw.query(
    `INSERT INTO orders (merchant_order_id, et_order_id, student_first_name, student_last_name, school_name,
       country_code, fee_type, amount, currency_code, status)
     SELECT 'MO2026120500000000' || lpad(n::text, 4, '0'), 'ETBUDGET' || n, 'Mei', 'Chen', 'University of Edinburgh',
       'GBR', 7, 9500.00, 'GBP', 0
     FROM generate_series(0, 119) AS n`,
  );
}, 60_000);
afterAll(async () => {
  await closeDb?.();
});

/** The database as the app sees it, recording when page reads end and when the notification's statements run. */
function recording(db: Database) {
  const log: string[] = [];
  let pagesIssued = 0;
  const wrapped: Database = {
    kind: db.kind,
    async query(sql, params) {
      const isPage = /ORDER BY created_at DESC/.test(sql);
      if (isPage) pagesIssued += 1;
      // The inbox pre-check: the first statement of a notification.
      if (/FROM notification_inbox/.test(sql)) log.push('notification arrived');
      try {
        return await db.query(sql, params);
      } finally {
        if (isPage) log.push('page');
      }
    },
    exec: (script) => db.exec(script),
    async transaction(work) {
      try {
        return await db.transaction(work);
      } finally {
        log.push('notification applied');
      }
    },
    exclusively: (lockId, work) => db.exclusively(lockId, work),
    close: () => db.close(),
  };
  return { db: wrapped, log, pagesIssued: () => pagesIssued };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

/**
 * The connection is held (a statement running), 40 order-list pages are requested, then a notification; once
 * everything is queued the connection is let go. Returns how many page reads finished between the notification's
 * first statement and its transaction's end.
 */
async function saturateThenNotify(pageConcurrency: number, etOrderId: string) {
  const recorder = recording(raw);
  const { app, budget } = createApp({
    db: recorder.db,
    gateway: unusedGateway,
    publicUrl: 'http://merchant.test',
    notifySalts: [SALT],
    log: () => {},
    staff: testStaffAccess(),
    pageConcurrency,
  });
  const site = await serve(app);
  try {
    const cookie = await signIn(site.url);
    let release = () => {};
    const held = raw.transaction(() => new Promise<void>((resolve) => (release = resolve)));
    const pages = Array.from({ length: 40 }, () => fetch(`${site.url}/orders`, { headers: { cookie } }));
    await until(() => recorder.pagesIssued() + budget.pagesWaiting === 40);
    const built = buildNotification({ salt: SALT, kind: 'payment_result', fields: { order_id: etOrderId } });
    const notified = fetch(`${site.url}/notifications`, {
      method: 'POST',
      headers: { 'content-type': built.contentType },
      body: built.body,
    });
    await until(() => recorder.log.includes('notification arrived'));
    release();
    await held;
    expect((await notified).status).toBe(200);
    for (const page of await Promise.all(pages)) expect(page.status).toBe(200);
    const arrived = recorder.log.indexOf('notification arrived');
    const applied = recorder.log.indexOf('notification applied');
    expect(applied).toBeGreaterThan(arrived);
    const pagesAhead = recorder.log.slice(arrived, applied).filter((entry) => entry === 'page').length;
    const pagesAfter = recorder.log.slice(applied).filter((entry) => entry === 'page').length;
    return { pagesAhead, pagesAfter };
  } finally {
    await site.close();
  }
}

describe('applying a notification never waits behind the queue of page work', () => {
  it('without the budget (the problem): the notification waits behind all 40 queued page reads', async () => {
    const { pagesAhead } = await saturateThenNotify(1000, 'ETBUDGET1');
    expect(pagesAhead).toBe(40);
  });

  it('with the budget (PGlite: one page read at a time): at most 2 page reads go first, the other 38 wait', async () => {
    // One page read was already queued at the connection when the notification came; one more may start in the
    // moment between the notification's inbox pre-check and its transaction.
    const { pagesAhead, pagesAfter } = await saturateThenNotify(1, 'ETBUDGET2');
    expect(pagesAhead).toBeLessThanOrEqual(2);
    expect(pagesAfter).toBeGreaterThanOrEqual(38);
  });
});

describe('QueryBudget', () => {
  it('under a steady stream of notification work, pages slow down but are not starved', async () => {
    const budget = new QueryBudget({ pageConcurrency: 1, pagePatience: 4 });
    const order: string[] = [];
    const blockers: Array<() => void> = [];
    const blocked = () => new Promise<void>((resolve) => blockers.push(resolve));
    // 12 notification units that each wait until released; 2 pages queued behind them.
    const urgent = Array.from({ length: 12 }, (_, index) =>
      budget.urgentWork(async () => {
        await blocked();
        order.push(`urgent ${index}`);
      }),
    );
    const pages = [0, 1].map((index) =>
      budget.pageWork(async () => {
        order.push(`page ${index}`);
      }),
    );
    expect(budget.pagesWaiting).toBe(2);
    // Release the notification units one by one, letting admitted pages run in between.
    for (const release of blockers) {
      release();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all([...urgent, ...pages]);
    expect(order.indexOf('page 0')).toBeGreaterThan(order.indexOf('urgent 3'));
    expect(order.indexOf('page 0')).toBeLessThan(order.indexOf('urgent 11'));
    expect(order.indexOf('page 1')).toBeLessThan(order.indexOf('urgent 11'));
  });

  it('never runs more page statements at once than its cap', async () => {
    const budget = new QueryBudget({ pageConcurrency: 3 });
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 30 }, () =>
        budget.pageWork(async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setImmediate(resolve));
          running -= 1;
        }),
      ),
    );
    expect(most).toBe(3);
  });
});

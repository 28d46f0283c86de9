import express, { type Request, type Response, Router } from 'express';
import type { Database } from '../db/database.js';
import type { SiteDisplay } from '../display/site-display.js';
import { GatewayError, merchantUserKeyOf, type PaymentGateway } from '../gateway.js';
import type { OrderUpdates } from '../order-updates.js';
import { emptyOrderForm, readOrderForm, validateOrderForm } from '../orders/order-form.js';
import {
  findOrder,
  insertOrder,
  listOrderEvents,
  listOrders,
  markOrderCreated,
  markOrderCreateFailed,
  newMerchantOrderId,
} from '../orders/repository.js';
import { errorPage } from '../pages/error-page.js';
import { newOrderPage } from '../pages/new-order-page.js';
import { orderListPage, orderRow } from '../pages/order-list.js';
import { orderPage } from '../pages/order-page.js';
import { sameOriginOnly } from './security.js';

export interface OrderRoutesOptions {
  publicUrl: string;
  log: (line: string) => void;
  /** Told of each new order (`created`), so open order lists show it. */
  updates: OrderUpdates;
  display: SiteDisplay;
}

const safeCode = (error: unknown) =>
  error instanceof GatewayError ? error.code : error instanceof Error && 'code' in error ? String(error.code) : 'ERROR';

export function orderRoutes(db: Database, gateway: PaymentGateway, options: OrderRoutesOptions): Router {
  const router = Router();
  const sameOrigin = sameOriginOnly(options.publicUrl);
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 });
  const notifyUrl = `${options.publicUrl}/notifications`;
  const orderUrl = (merchantOrderId: string) => `${options.publicUrl}/orders/${encodeURIComponent(merchantOrderId)}`;
  const { display } = options;
  const notFound = (res: Response) => res.status(404).type('html').send(errorPage(404, true));

  router.get('/', (_req, res) => res.redirect(303, '/orders'));

  router.get('/orders', async (_req, res) => {
    res.type('html').send(orderListPage(await listOrders(db), display));
  });

  router.get('/orders/new', (_req, res) => {
    res.type('html').send(newOrderPage(emptyOrderForm, display));
  });

  router.post('/orders', sameOrigin, form, async (req: Request, res: Response) => {
    const values = readOrderForm(req.body);
    const checked = validateOrderForm(values, display.feeTypes);
    if ('errors' in checked) {
      res
        .status(400)
        .type('html')
        .send(newOrderPage(values, display, checked.errors));
      return;
    }
    const merchantOrderId = newMerchantOrderId();
    // Saved first, so the order exists (and can be looked at) whatever ET answers.
    await insertOrder(db, merchantOrderId, checked.order);
    try {
      const { etOrderId } = await gateway.createOrder({
        ...checked.order,
        feeTypeDescription: checked.feeTypeDescription,
        merchantOrderId,
        merchantUserKey: merchantUserKeyOf(merchantOrderId),
        notifyUrl,
        statusChangeNotifyUrl: notifyUrl,
        backJumpUrl: orderUrl(merchantOrderId),
      });
      await markOrderCreated(db, merchantOrderId, etOrderId);
      options.log(`order ${merchantOrderId} created at ET as ${etOrderId}`);
    } catch (error) {
      const code = safeCode(error);
      await markOrderCreateFailed(db, merchantOrderId, code);
      options.log(`order ${merchantOrderId} not created at ET: ${code}`);
    }
    // Once ET has answered: open order lists (on every instance) fetch the new row.
    options.updates.publish(merchantOrderId, 'created');
    res.redirect(303, `/orders/${encodeURIComponent(merchantOrderId)}`);
  });

  router.get('/orders/:id', async (req, res) => {
    const order = await findOrder(db, String(req.params.id));
    if (order === undefined) {
      notFound(res);
      return;
    }
    const events = order.etOrderId === null ? [] : await listOrderEvents(db, order.etOrderId);
    res.type('html').send(orderPage(order, events, display));
  });

  // One row of the order list, for a list page that heard of a new order (live.js).
  router.get('/orders/:id/row', async (req, res) => {
    const order = await findOrder(db, String(req.params.id));
    if (order === undefined) {
      notFound(res);
      return;
    }
    res.type('html').send(orderRow(order, display).text);
  });

  router.post('/orders/:id/pay', sameOrigin, async (req, res) => {
    const order = await findOrder(db, String(req.params.id));
    if (order === undefined) {
      notFound(res);
      return;
    }
    if (order.etOrderId === null || order.status !== 0) {
      res.redirect(303, `/orders/${encodeURIComponent(order.merchantOrderId)}`);
      return;
    }
    try {
      const url = await gateway.getPaymentUrl({
        etOrderId: order.etOrderId,
        merchantUserKey: merchantUserKeyOf(order.merchantOrderId),
        notifyUrl,
        backJumpUrl: orderUrl(order.merchantOrderId),
      });
      res.redirect(303, url);
    } catch (error) {
      const code = safeCode(error);
      options.log(`payment URL for ${order.merchantOrderId} failed: ${code}`);
      const events = await listOrderEvents(db, order.etOrderId);
      const message = `EasyTransfer could not start the payment (${code}). Please try again in a moment.`;
      res
        .status(502)
        .type('html')
        .send(orderPage(order, events, display, message));
    }
  });

  return router;
}

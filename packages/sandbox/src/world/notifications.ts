import { signNotification, verifyNotification } from '@etkit/crypto';
import type { SandboxMerchant } from '../accounts/merchant-config.js';
import type { SandboxFault } from '../faults.js';
import type { Scheduler } from './clock.js';
import type { DeliveryAttempt, DeliveryRecord, NotificationKind, SandboxState } from './state.js';
import { minute } from './time.js';

/**
 * ET's resend schedule (PROTOCOL.md §8): after the first attempt fails, resend 1, 5, 10, 30, 60 and 120
 * minutes later — 7 deliveries in all. The docs do not say whether the offsets count from the first failure
 * or from the previous attempt; the sandbox counts from the first failure [sandbox choice].
 */
export const notificationResendOffsetsMs: readonly number[] = [1, 5, 10, 30, 60, 120].map((m) => m * minute);
export const maxDeliveries = 7;
const requestTimeoutMs = 10_000;

export interface NewNotification {
  merchant: SandboxMerchant;
  orderId: string;
  kind: NotificationKind;
  url: string;
  fields: Record<string, string>;
  numericFields?: string[];
}

interface Dependencies {
  state: SandboxState;
  scheduler: Scheduler;
  persist: () => void;
  merchant: (merchantNumber: string) => SandboxMerchant | undefined;
  takeFault: (merchantNumber: string) => SandboxFault;
  fetch: typeof globalThis.fetch;
}

function isHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

/** JSON with the numeric fields written as bare numbers, keeping their exact text (`10000.00`). */
function encodeJson(fields: Record<string, string>, numericFields: readonly string[]): string {
  const parts = Object.entries(fields).map(([name, value]) => {
    const bare = numericFields.includes(name) && /^-?\d+(\.\d+)?$/.test(value);
    return `${JSON.stringify(name)}:${bare ? value : JSON.stringify(value)}`;
  });
  return `{${parts.join(',')}}`;
}

export function encodeNotification(record: DeliveryRecord, salt: string): { body: string; contentType: string } {
  const signingSalt = record.corruptSignature ? `${salt}-wrong` : salt;
  const sign = signNotification(record.fields, signingSalt);
  const signed = { ...record.fields, sign };
  if (record.encoding === 'form') {
    return { body: new URLSearchParams(signed).toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  return { body: encodeJson(signed, record.numericFields), contentType: 'application/json; charset=utf-8' };
}

/**
 * An acknowledgement is `{"notify_result":"OK"}` (PROTOCOL.md §8). For a refund result the merchant may also
 * sign it (order_id + notify_result, MD5 rule); when a `sign` is present it must verify and name this order.
 */
function isAcknowledgement(text: string, record: DeliveryRecord, salt: string): { ok: boolean; reason?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'answer is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as Record<string, unknown>).notify_result !== 'OK') {
    return { ok: false, reason: 'answer lacks notify_result OK' };
  }
  const ack = parsed as Record<string, unknown>;
  if (record.kind === 'refund_result' && typeof ack.sign === 'string') {
    // The sign covers `notify_result=OK&order_id=…`: it must name this notification's order, or a signed answer
    // for one order would acknowledge any other [sandbox choice].
    if (ack.order_id !== record.orderId) return { ok: false, reason: 'acknowledgement names another order' };
    const fields = { order_id: record.orderId, notify_result: 'OK', sign: ack.sign };
    if (!verifyNotification(fields, salt)) return { ok: false, reason: 'acknowledgement signature invalid' };
  }
  return { ok: true };
}

/** The outbox: signs, sends and resends notifications on ET's schedule, and keeps a delivery log. */
export class NotificationCenter {
  private readonly cancels = new Map<string, () => void>();
  /** The last attempt's `sequence`; read from the saved deliveries on first use (not a field of the state file). */
  private lastSequence: number | undefined;

  constructor(private readonly deps: Dependencies) {}

  private nextSequence(): number {
    this.lastSequence ??= this.list().reduce(
      (max, record) => record.attempts.reduce((m, attempt) => Math.max(m, attempt.sequence ?? 0), max),
      0,
    );
    this.lastSequence += 1;
    return this.lastSequence;
  }

  list(): DeliveryRecord[] {
    return Object.values(this.deps.state.deliveries).sort(
      (a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id),
    );
  }

  /** Makes every delivery that is due now and resolves when none is in flight (later resends still wait). */
  settled(): Promise<void> {
    return this.deps.scheduler.settle();
  }

  enqueue(notification: NewNotification): DeliveryRecord | undefined {
    if (!isHttpUrl(notification.url)) return undefined;
    const { state, scheduler } = this.deps;
    const fault = this.deps.takeFault(notification.merchant.merchantNumber);
    state.deliverySequence += 1;
    const record: DeliveryRecord = {
      id: `N${String(state.deliverySequence).padStart(8, '0')}`,
      merchantNumber: notification.merchant.merchantNumber,
      orderId: notification.orderId,
      kind: notification.kind,
      url: notification.url,
      encoding: notification.merchant.notificationEncoding,
      fields: notification.fields,
      numericFields: notification.numericFields ?? [],
      createdAt: scheduler.now(),
      state: fault.reorderNotifications ? 'held' : 'pending',
      attempts: [],
      ...(fault.wrongNotificationSignature ? { corruptSignature: true } : {}),
    };
    state.deliveries[record.id] = record;
    this.deps.persist();
    if (record.state === 'held') {
      const held = this.list().filter((r) => r.state === 'held' && r.merchantNumber === record.merchantNumber);
      if (held.length >= 2) this.releaseHeld(record.merchantNumber);
    } else {
      this.scheduleAttempt(record, scheduler.now(), fault.duplicateNotifications === true);
    }
    return record;
  }

  /** Send the held notifications (reorder fault), newest first. */
  releaseHeld(merchantNumber?: string): void {
    const held = this.list()
      .filter((r) => r.state === 'held' && (merchantNumber === undefined || r.merchantNumber === merchantNumber))
      .reverse();
    const now = this.deps.scheduler.now();
    // Same due time: the scheduler runs equal-time tasks in the order they were scheduled.
    for (const record of held) {
      record.state = 'pending';
      this.scheduleAttempt(record, now, false);
    }
    this.deps.persist();
  }

  /** After a restart: put pending deliveries back on the schedule. */
  resume(): void {
    for (const record of this.list()) {
      if (record.state === 'pending')
        this.scheduleAttempt(record, record.nextAttemptAt ?? this.deps.scheduler.now(), false);
    }
  }

  stop(): void {
    for (const cancel of this.cancels.values()) cancel();
    this.cancels.clear();
  }

  private scheduleAttempt(record: DeliveryRecord, dueAt: number, duplicate: boolean): void {
    record.nextAttemptAt = dueAt;
    this.cancels.get(record.id)?.();
    this.cancels.set(
      record.id,
      this.deps.scheduler.schedule(dueAt, () => this.attempt(record, duplicate)),
    );
  }

  private async attempt(record: DeliveryRecord, duplicate: boolean): Promise<void> {
    this.cancels.delete(record.id);
    if (record.state !== 'pending') return;
    const merchant = this.deps.merchant(record.merchantNumber);
    if (!merchant) return;
    const at = this.deps.scheduler.now();
    const sequence = this.nextSequence();
    const dueAt = record.nextAttemptAt ?? at;
    const outcome = await this.post(record, merchant);
    if (duplicate) await this.post(record, merchant);
    const attempt: DeliveryAttempt = { at, sequence, dueAt, ...outcome };
    record.attempts.push(attempt);
    if (outcome.outcome === 'acknowledged') {
      record.state = 'delivered';
      delete record.nextAttemptAt;
    } else if (record.attempts.length >= maxDeliveries) {
      record.state = 'gave-up';
      delete record.nextAttemptAt;
    } else {
      const firstFailureAt = record.attempts[0]!.dueAt;
      this.scheduleAttempt(record, firstFailureAt + notificationResendOffsetsMs[record.attempts.length - 1]!, false);
    }
    this.deps.persist();
  }

  private async post(
    record: DeliveryRecord,
    merchant: SandboxMerchant,
  ): Promise<Omit<DeliveryAttempt, 'at' | 'dueAt'>> {
    const { body, contentType } = encodeNotification(record, merchant.salt);
    try {
      const response = await this.deps.fetch(record.url, {
        method: 'POST',
        headers: { 'content-type': contentType, 'user-agent': 'etkit-sandbox' },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      const text = await response.text();
      if (!response.ok) return { outcome: 'rejected', httpStatus: response.status, reason: `HTTP ${response.status}` };
      const ack = isAcknowledgement(text, record, merchant.salt);
      return ack.ok
        ? { outcome: 'acknowledged', httpStatus: response.status }
        : { outcome: 'rejected', httpStatus: response.status, reason: ack.reason ?? 'not acknowledged' };
    } catch (error) {
      const name = (error as Error).name;
      return { outcome: 'error', reason: name === 'TimeoutError' ? 'timeout' : 'connection failed' };
    }
  }
}

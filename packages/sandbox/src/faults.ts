/**
 * Faults the sandbox can inject, standing (per merchant, `merchant.faults`) or one-shot
 * (`sandbox.injectFault(fault, { merchantNumber, count })`).
 */
export interface SandboxFault {
  /** API: sign the response so that it does not verify. */
  wrongSignature?: boolean;
  /** API: answer with this HTTP status (e.g. 502) and a plain-text body instead of an envelope. */
  httpStatus?: number;
  /** API: wait this many real milliseconds before answering. */
  delayMs?: number;
  /** API: close the connection without answering (in-process transport: the promise rejects). */
  dropConnection?: boolean;
  /** Notifications: deliver each notification twice. */
  duplicateNotifications?: boolean;
  /**
   * Notifications: hold new notifications and deliver them in reverse order, as soon as two are held or
   * when `sandbox.notifications.releaseHeld()` is called.
   */
  reorderNotifications?: boolean;
  /** Notifications: sign with a wrong salt. */
  wrongNotificationSignature?: boolean;
}

const apiKeys = ['wrongSignature', 'httpStatus', 'delayMs', 'dropConnection'] as const;
const notificationKeys = ['duplicateNotifications', 'reorderNotifications', 'wrongNotificationSignature'] as const;

export type FaultTarget = 'api' | 'notification';

interface QueuedFault {
  fault: SandboxFault;
  merchantNumber: string | undefined;
  remaining: number;
}

function pick(fault: SandboxFault, keys: readonly (keyof SandboxFault)[]): SandboxFault | undefined {
  const part: Record<string, unknown> = {};
  for (const key of keys) if (fault[key] !== undefined) part[key] = fault[key];
  return Object.keys(part).length > 0 ? (part as SandboxFault) : undefined;
}

/** One-shot faults waiting for the next API request or the next notification. */
export class FaultQueue {
  private readonly queues: Record<FaultTarget, QueuedFault[]> = { api: [], notification: [] };

  inject(fault: SandboxFault, options: { merchantNumber?: string; count?: number } = {}): void {
    validateFault(fault);
    const count = options.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer');
    const api = pick(fault, apiKeys);
    const notification = pick(fault, notificationKeys);
    if (api) this.queues.api.push({ fault: api, merchantNumber: options.merchantNumber, remaining: count });
    if (notification) {
      this.queues.notification.push({ fault: notification, merchantNumber: options.merchantNumber, remaining: count });
    }
  }

  /** The standing faults merged with the first matching one-shot fault, which is used up. */
  take(target: FaultTarget, merchantNumber: string | undefined, standing: SandboxFault | undefined): SandboxFault {
    const base = pick(standing ?? {}, target === 'api' ? apiKeys : notificationKeys) ?? {};
    const queue = this.queues[target];
    const index = queue.findIndex(
      (entry) => entry.merchantNumber === undefined || entry.merchantNumber === merchantNumber,
    );
    const entry = queue[index];
    if (!entry) return base;
    entry.remaining -= 1;
    if (entry.remaining === 0) queue.splice(index, 1);
    return { ...base, ...entry.fault };
  }
}

/** The longest wait a timer can do (about 24.8 days). */
const maxDelayMs = 2 ** 31 - 1;

export function validateFault(fault: SandboxFault): void {
  if (fault.httpStatus !== undefined && !(Number.isInteger(fault.httpStatus) && fault.httpStatus >= 400)) {
    throw new RangeError('fault.httpStatus must be an HTTP error status (≥ 400)');
  }
  // Above 2^31 - 1 a timer fires after 1 ms instead: refuse rather than not wait at all.
  if (
    fault.delayMs !== undefined &&
    !(Number.isFinite(fault.delayMs) && fault.delayMs >= 0 && fault.delayMs <= maxDelayMs)
  ) {
    throw new RangeError(`fault.delayMs must be a number from 0 to ${maxDelayMs}`);
  }
}

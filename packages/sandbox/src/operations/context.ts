import type { SandboxMerchant } from '../accounts/merchant-config.js';
import type { OrderLifecycle } from '../world/lifecycle.js';
import type { RateTable } from '../world/rate-table.js';
import type { AttachmentRecord, SandboxState } from '../world/state.js';

/** What an operation may see and touch. */
export interface OperationContext {
  merchant: SandboxMerchant;
  subMerchantNumber: string;
  /** Top-level envelope fields (wire text). */
  envelope: Record<string, string>;
  /** Parsed `data` (an object; `{}` when absent). */
  data: Record<string, unknown>;
  /** Parsed and decrypted `sensitive_data`, or undefined when there was none. */
  sensitive: Record<string, unknown> | undefined;
  now: number;
  state: SandboxState;
  orders: OrderLifecycle;
  rates: RateTable;
  persist: () => void;
  payUrl: (orderId: string) => string;
  /** Keeps an uploaded file's bytes (in the data directory, when there is one). */
  storeAttachment: (orderId: string, attachment: AttachmentRecord, bytes: Uint8Array) => void;
}

export interface OperationResult {
  data?: unknown[];
  sensitive?: unknown[];
}

export type Operation = (context: OperationContext) => OperationResult | Promise<OperationResult>;

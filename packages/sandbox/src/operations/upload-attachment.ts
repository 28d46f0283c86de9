import { createHash } from 'node:crypto';
import { base64Decode } from '@etkit/crypto';
import { operations } from '@etkit/openapi';
import { SandboxApiError } from '../errors.js';
import { sandboxServerTypes, sandboxStatusCodes } from '../protocol/codes.js';
import type { AttachmentRecord } from '../world/state.js';
import type { OperationContext, OperationResult } from './context.js';
import { FieldReader } from './fields.js';
import { merchantOrder } from './order-access.js';

const operation = sandboxServerTypes.uploadAttachment;
/** At most 5 attachments per attachment type per order (PROTOCOL.md §7). */
export const maxAttachmentsPerType = 5;
/** The sandbox's own cap on one file, to keep a dev machine safe. */
export const maxAttachmentBytes = 10 * 1024 * 1024;

export function uploadAttachment(context: OperationContext): OperationResult {
  const payload = { ...context.sensitive, ...context.data };
  const fields = new FieldReader(payload, operation, operations.uploadAttachment.fieldLimits);
  const orderId = fields.string('order_id', { required: true });
  const attachmentType = fields.integer('attachment_type', { required: true })!;
  const fileName = fields.string('file_name', { required: true, max: 200 });
  const base64 = fields.string('base64', { required: true });
  let bytes: Uint8Array;
  try {
    bytes = base64Decode(base64);
  } catch {
    throw fields.invalid('base64 is not valid base64');
  }
  if (bytes.length === 0) throw fields.invalid('base64 holds an empty file');
  if (bytes.length > maxAttachmentBytes) throw fields.invalid(`file is larger than ${maxAttachmentBytes} bytes`);

  const order = merchantOrder(context, orderId, operation);
  if (order.status === -1 || order.status === -2) {
    throw new SandboxApiError(sandboxStatusCodes.orderStateConflict, `${operation}: order is closed or refunded`);
  }
  const sameType = order.attachments.filter((a) => a.attachmentType === attachmentType).length;
  if (sameType >= maxAttachmentsPerType) {
    throw new SandboxApiError(
      sandboxStatusCodes.attachmentLimit,
      `${operation}: at most ${maxAttachmentsPerType} attachments of one type per order`,
    );
  }
  const attachment: AttachmentRecord = {
    attachmentId: `${order.orderId}-A${order.attachments.length + 1}`,
    attachmentType,
    fileName,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    uploadedAt: context.now,
  };
  order.attachments.push(attachment);
  context.storeAttachment(order.orderId, attachment, bytes);
  context.persist();
  return {
    data: [
      {
        order_id: order.orderId,
        attachment_id: attachment.attachmentId,
        attachment_type: attachmentType,
        file_name: fileName,
      },
    ],
  };
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AttachmentRecord } from './state.js';

/** Keeps an uploaded file's bytes under `dataDir/attachments/<order>/`; in memory mode the bytes are not kept. */
export function attachmentWriter(
  dataDir: string | undefined,
): (orderId: string, attachment: AttachmentRecord, bytes: Uint8Array) => void {
  return (orderId, attachment, bytes) => {
    if (!dataDir) return;
    // Ids come from requests: only safe characters reach the file system.
    const dir = join(dataDir, 'attachments', orderId.replace(/[^A-Za-z0-9]/g, ''));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, attachment.attachmentId.replace(/[^A-Za-z0-9-]/g, '')), bytes);
  };
}

import { expect } from 'vitest';
import { cases } from './vectors.js';

// What test/runtime/portable-check.ts must report on every runtime, derived from the vectors: each case as
// marked, then case 0 again (a duplicate, answered OK without the handler), then a multipart refund built by
// @etkit/notify/testing.
const ok = (c: (typeof cases)[number]) => JSON.stringify(c.ack ?? { notify_result: 'OK' });
const refundCase = cases.find((c) => c.kind === 'refund_result')!;

export const expectedPortableCheck = {
  served: true,
  core: cases.map((c) => (c.valid ? `${c.kind}:${ok(c)}` : 'error:SIGNATURE_INVALID')),
  multipartKind: 'refund_result',
  http: [
    ...cases.map((c) => (c.valid ? `200:${ok(c)}` : expect.stringMatching(/^400:.*"code":"SIGNATURE_INVALID"/))),
    `200:${ok(cases[0]!)}`,
    `200:${ok(refundCase)}`,
  ],
  // Distinct valid notifications: the JSON payment repeats the form one, the multipart refund repeats the vector's.
  handled: 4,
};

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createNotificationVerifier, type NotificationKind } from '@etkit/notify';
import { buildNotification, type SampleKind, sampleFields } from '@etkit/notify/testing';
import { describe, expect, it } from 'vitest';

// The webhook schemas of @etkit/openapi and this package's reader must agree on which fields a notification
// needs: a generated type that calls a field optional while the reader refuses its absence (or the reverse)
// misleads whoever codes against the document. Checked field by field: drop it, sign, open.
const document = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@etkit/openapi/openapi.json'), 'utf8'),
) as { components: { schemas: Record<string, { required: string[] }> } };

const schemaByKind: Record<SampleKind, string> = {
  payment_result: 'PaymentResultNotification',
  order_status_change: 'OrderStatusChangeNotification',
  remittance_voucher: 'RemittanceVoucherNotification',
  refund_result: 'RefundResultNotification',
};
const salt = 'alignment-salt';
const verifier = createNotificationVerifier({ salt });

/** Whether the reader needs `field` to read a notification as `kind`: refused, or read as another kind. */
async function needed(kind: SampleKind, field: string): Promise<boolean> {
  const { [field]: _, ...rest } = sampleFields(kind);
  const opened = await verifier
    .open(buildNotification({ salt, fields: rest }))
    .then((notification) => notification.kind as NotificationKind | 'refused')
    .catch(() => 'refused' as const);
  return opened !== kind;
}

describe('notification fields the OpenAPI document requires = fields the reader needs', () => {
  for (const [kind, schema] of Object.entries(schemaByKind) as Array<[SampleKind, string]>) {
    it(kind, async () => {
      const fields = Object.keys(sampleFields(kind));
      const neededFields = [];
      for (const field of fields) if (await needed(kind, field)) neededFields.push(field);
      const required = document.components.schemas[schema]!.required.filter((name) => name !== 'sign');
      expect(required.sort()).toEqual(neededFields.sort());
    });
  }
});

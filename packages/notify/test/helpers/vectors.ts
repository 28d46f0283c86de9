import vectors from '@etkit/spec/vectors.json' with { type: 'json' };

/** The notification cases of the spec's vectors.json (@etkit/spec). */
export const notificationVectors = vectors.notifications;
export const docMd5Vector = vectors.notification_md5;

export interface NotificationCase {
  kind: string;
  content_type: string;
  body: string;
  valid: boolean;
  note?: string;
  ack?: { order_id: string; notify_result: string; sign: string };
}

export const cases: NotificationCase[] = vectors.notifications.cases;

export function caseName(c: NotificationCase, index: number): string {
  return `#${index} ${c.kind} ${c.content_type} ${c.valid ? 'valid' : 'invalid'}${c.note ? ` (${c.note})` : ''}`;
}

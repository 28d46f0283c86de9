import type { Notification } from '@etkit/notify';

/** What this example does with a notification: remember it. Yours marks the order paid, and so on. */
export const handledNotifications: Notification[] = [];

export async function onNotification(notification: Notification): Promise<void> {
  handledNotifications.push(notification);
}

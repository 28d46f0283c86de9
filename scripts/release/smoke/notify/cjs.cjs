const assert = require('node:assert/strict');
const { openNotification } = require('@etkit/notify');
const { buildNotification } = require('@etkit/notify/testing');

async function main() {
  const salt = 'smoke-test-salt';
  const built = buildNotification({ salt, kind: 'order_status_change', encoding: 'json' });
  const notification = await openNotification({ body: built.body, contentType: built.contentType }, { salt });
  assert.equal(notification.kind, 'order_status_change');
  console.log('notify ok (cjs)');
}
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

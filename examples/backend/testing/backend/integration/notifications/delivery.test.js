'use strict';
const { useTestDb } = require('../../helpers/test-db.js');
const { createCustomer } = require('../../../../src/customers/customers.js');
const { enqueue, deliverPending, MAX_ATTEMPTS } = require('../../../../src/notifications/notifications.js');

const db = useTestDb('notifications_delivery');

/** A transport that records what it sends and fails for ids in `failing`. */
function recordingTransport(failing = new Set()) {
  const sent = [];
  return {
    sent,
    async send(message) {
      if (failing.has(message.id)) throw new Error(`mailbox full for ${message.id}`);
      sent.push(message.id);
    },
  };
}

const data = { name: 'Kim', orderId: 'O-9' };

describe('delivery', () => {
  beforeAll(async () => {
    await createCustomer(db.pool, { id: db.id('kim'), email: 'kim@example.net', name: 'Kim' });
  });

  test('sends pending notifications once', async () => {
    for (const n of ['d1', 'd2']) {
      await enqueue(db.pool, { id: db.id(n), customerId: db.id('kim'), channel: 'sms', template: 'order_shipped', data });
    }
    const transport = recordingTransport();
    expect(await deliverPending(db.pool, transport, { idPrefix: db.prefix })).toEqual({ sent: 2, failed: 0, retried: 0 });
    expect(await deliverPending(db.pool, transport, { idPrefix: db.prefix })).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(transport.sent).toEqual([db.id('d1'), db.id('d2')]);
  });

  test(`retries a failing send, then gives up after ${MAX_ATTEMPTS} attempts`, async () => {
    await enqueue(db.pool, { id: db.id('f1'), customerId: db.id('kim'), channel: 'email', template: 'order_shipped', data });
    const transport = recordingTransport(new Set([db.id('f1')]));
    const outcomes = [];
    for (let i = 0; i < MAX_ATTEMPTS; i++) outcomes.push(await deliverPending(db.pool, transport, { idPrefix: db.prefix }));
    expect(outcomes.map((o) => o.failed)).toEqual([0, 0, 1]);
    const { rows } = await db.pool.query('SELECT status, attempts, last_error FROM notifications WHERE id = $1', [db.id('f1')]);
    expect(rows[0]).toEqual({ status: 'failed', attempts: MAX_ATTEMPTS, last_error: `mailbox full for ${db.id('f1')}` });
  });
});

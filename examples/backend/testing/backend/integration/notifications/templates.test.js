'use strict';
const { useTestDb } = require('../../helpers/test-db.js');
const { createCustomer } = require('../../../../src/customers/customers.js');
const { render, enqueue, formatAmount } = require('../../../../src/notifications/notifications.js');

const db = useTestDb('notifications_templates');

describe('notification templates', () => {
  test('fills placeholders and escapes HTML', () => {
    const { subject, body } = render('invoice_issued', { name: '<Eve & "Co">', invoiceId: 'INV-7', amount: formatAmount(123456) });
    expect(subject).toBe('Invoice INV-7');
    expect(body).toBe('Hello &lt;Eve &amp; &quot;Co&quot;&gt;, your invoice INV-7 of 1234.56 EUR is ready.');
  });

  test('a missing value is an error, not an empty hole', () => {
    expect(() => render('order_shipped', { name: 'Ann' })).toThrow(/missing value for orderId/);
  });

  test('an unknown template is an error', () => {
    expect(() => render('welcome', {})).toThrow(/unknown template "welcome"/);
  });

  test('enqueues a pending notification', async () => {
    await createCustomer(db.pool, { id: db.id('ann'), email: 'ann@example.net', name: 'Ann' });
    await enqueue(db.pool, { id: db.id('n1'), customerId: db.id('ann'), channel: 'email', template: 'order_shipped', data: { name: 'Ann', orderId: 'O-1' } });
    const { rows } = await db.pool.query('SELECT status, subject FROM notifications WHERE id = $1', [db.id('n1')]);
    expect(rows).toEqual([{ status: 'pending', subject: 'Order O-1 shipped' }]);
  });
});

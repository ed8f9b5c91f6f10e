'use strict';
const { useTestDb } = require('../../helpers/test-db.js');
const { createCustomer } = require('../../../../src/customers/customers.js');
const { openBalance } = require('../../../../src/billing/invoices.js');
const { placeOrder, shipOrder, cancelOrder, getOrder, OrderError } = require('../../../../src/orders/orders.js');

const db = useTestDb('orders_cancel');

const items = [{ sku: 'BOOK-42', quantity: 1, unitCents: 4200 }];

describe('cancelling orders', () => {
  beforeAll(async () => {
    await createCustomer(db.pool, { id: db.id('reader'), email: 'reader@books.test', name: 'Avid Reader' });
  });

  test('cancelling voids the invoice', async () => {
    await placeOrder(db.pool, { id: db.id('c1'), customerId: db.id('reader'), items });
    await cancelOrder(db.pool, db.id('c1'));
    expect((await getOrder(db.pool, db.id('c1'))).status).toBe('cancelled');
    expect(await openBalance(db.pool, db.id('reader'))).toBe(0);
  });

  test('a shipped order cannot be cancelled', async () => {
    await placeOrder(db.pool, { id: db.id('c2'), customerId: db.id('reader'), items });
    await shipOrder(db.pool, db.id('c2'));
    await expect(cancelOrder(db.pool, db.id('c2'))).rejects.toThrow(OrderError);
    expect(await openBalance(db.pool, db.id('reader'))).toBe(4200);
  });

  test('cancelling twice is an error', async () => {
    await placeOrder(db.pool, { id: db.id('c3'), customerId: db.id('reader'), items });
    await cancelOrder(db.pool, db.id('c3'));
    await expect(cancelOrder(db.pool, db.id('c3'))).rejects.toThrow(/cancelled and cannot be cancelled/);
  });
});

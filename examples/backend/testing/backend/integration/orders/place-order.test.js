'use strict';
const { useTestDb } = require('../../helpers/test-db.js');
const { createCustomer } = require('../../../../src/customers/customers.js');
const { openBalance, invoiceLines } = require('../../../../src/billing/invoices.js');
const { placeOrder, getOrder, OrderError } = require('../../../../src/orders/orders.js');

const db = useTestDb('orders_place');

describe('placing orders', () => {
  beforeAll(async () => {
    await createCustomer(db.pool, { id: db.id('shop'), email: 'orders@shop.test', name: 'Corner Shop' });
  });

  test('places an order and issues its invoice', async () => {
    const order = await placeOrder(db.pool, {
      id: db.id('o1'),
      customerId: db.id('shop'),
      items: [
        { sku: 'TEA-250', quantity: 4, unitCents: 350 },
        { sku: 'MUG-01', quantity: 1, unitCents: 900 },
      ],
    });
    expect(order).toMatchObject({ status: 'placed', invoiceId: db.id('o1_inv'), totalCents: 2300 });
    expect(await getOrder(db.pool, db.id('o1'))).toMatchObject({ items: [{ sku: 'MUG-01' }, { sku: 'TEA-250' }] });
    expect(await invoiceLines(db.pool, db.id('o1_inv'))).toHaveLength(2);
    expect(await openBalance(db.pool, db.id('shop'))).toBe(2300);
  });

  test('an order for an unknown customer leaves nothing behind', async () => {
    await expect(
      placeOrder(db.pool, { id: db.id('o2'), customerId: db.id('ghost'), items: [{ sku: 'X', quantity: 1, unitCents: 1 }] }),
    ).rejects.toThrow(/foreign key/);
    expect(await getOrder(db.pool, db.id('o2'))).toBeNull();
  });

  test('an empty order is refused', async () => {
    await expect(placeOrder(db.pool, { id: db.id('o3'), customerId: db.id('shop'), items: [] })).rejects.toThrow(OrderError);
  });
});

'use strict';
const { useTestDb } = require('../../helpers/test-db.js');
const { createCustomer } = require('../../../../src/customers/customers.js');
const { createInvoice, markPaid, voidInvoice, openBalance, BillingError } = require('../../../../src/billing/invoices.js');

const db = useTestDb('billing_balance');

const line = (unitCents) => [{ description: 'Service', quantity: 1, unitCents }];

describe('open balance', () => {
  beforeAll(async () => {
    await createCustomer(db.pool, { id: db.id('wayne'), email: 'bruce@wayne.test', name: 'Wayne Enterprises' });
  });

  test('is zero without invoices', async () => {
    expect(await openBalance(db.pool, db.id('wayne'))).toBe(0);
  });

  test('counts open invoices only', async () => {
    await createInvoice(db.pool, { id: db.id('a'), customerId: db.id('wayne'), lines: line(1000) });
    await createInvoice(db.pool, { id: db.id('b'), customerId: db.id('wayne'), lines: line(2500) });
    await createInvoice(db.pool, { id: db.id('c'), customerId: db.id('wayne'), lines: line(400) });
    await markPaid(db.pool, db.id('a'));
    await voidInvoice(db.pool, db.id('c'));
    expect(await openBalance(db.pool, db.id('wayne'))).toBe(2500);
  });

  test('a paid invoice cannot be voided', async () => {
    await expect(voidInvoice(db.pool, db.id('a'))).rejects.toThrow(BillingError);
  });
});

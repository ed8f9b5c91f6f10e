'use strict';
const { useTestDb } = require('../../helpers/test-db.js');
const { createCustomer } = require('../../../../src/customers/customers.js');
const { createInvoice, markPaid, invoiceLines, BillingError, totalOf } = require('../../../../src/billing/invoices.js');

const db = useTestDb('billing_invoices');

describe('invoices', () => {
  beforeAll(async () => {
    await createCustomer(db.pool, { id: db.id('acme'), email: 'billing@acme.test', name: 'ACME' });
  });

  test('totals the lines', () => {
    expect(totalOf([{ quantity: 3, unitCents: 250 }, { quantity: 1, unitCents: 999 }])).toBe(1749);
  });

  test('issues an invoice with its lines in order', async () => {
    const invoice = await createInvoice(db.pool, {
      id: db.id('inv1'),
      customerId: db.id('acme'),
      lines: [
        { description: 'Anvil', quantity: 2, unitCents: 4500 },
        { description: 'Rocket skates', quantity: 1, unitCents: 12000 },
      ],
    });
    expect(invoice).toEqual({ id: db.id('inv1'), customerId: db.id('acme'), status: 'open', totalCents: 21000 });
    expect((await invoiceLines(db.pool, db.id('inv1'))).map((line) => line.description)).toEqual(['Anvil', 'Rocket skates']);
  });

  test('a failed line rolls the whole invoice back', async () => {
    const bad = { id: db.id('inv_bad'), customerId: db.id('acme'), lines: [{ description: 'Free lunch', quantity: 0, unitCents: 1 }] };
    await expect(createInvoice(db.pool, bad)).rejects.toThrow(/quantity_check|check constraint/);
    const { rowCount } = await db.pool.query('SELECT 1 FROM invoices WHERE id = $1', [db.id('inv_bad')]);
    expect(rowCount).toBe(0);
  });

  test('pays an invoice once', async () => {
    await createInvoice(db.pool, { id: db.id('inv2'), customerId: db.id('acme'), lines: [{ description: 'Glue', quantity: 1, unitCents: 300 }] });
    expect((await markPaid(db.pool, db.id('inv2'))).status).toBe('paid');
    await expect(markPaid(db.pool, db.id('inv2'))).rejects.toThrow(BillingError);
  });
});

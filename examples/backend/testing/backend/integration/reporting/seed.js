'use strict';
const { createCustomer } = require('../../../../src/customers/customers.js');
const { createInvoice, markPaid } = require('../../../../src/billing/invoices.js');

/** First day of the seeded payment history (UTC). */
const HISTORY_START = new Date('2021-01-01T00:00:00Z');
/** Days of payment history the reporting suites query. */
const HISTORY_DAYS = 1461;

/**
 * Seeds `customers` customers with paid invoices spread over the history (invoice k of
 * customer c pays (c + 1) × 1000 cents on day 97·k + 11·c), and one open invoice each.
 * Returns the customer ids and the expected paid total per customer.
 */
async function seedRevenue(db, { customers, invoicesEach }) {
  const expected = {};
  for (let c = 0; c < customers; c++) {
    const customerId = db.id(`cust${c}`);
    await createCustomer(db.pool, { id: customerId, email: `${customerId}@reporting.test`, name: `Customer ${c}` });
    expected[customerId] = 0;
    for (let k = 0; k < invoicesEach; k++) {
      const id = db.id(`inv${c}_${k}`);
      const cents = (c + 1) * 1000;
      await createInvoice(db.pool, { id, customerId, lines: [{ description: 'Subscription', quantity: 1, unitCents: cents }] });
      await markPaid(db.pool, id);
      const day = new Date(HISTORY_START.getTime() + ((97 * k + 11 * c) % HISTORY_DAYS) * 86400000);
      await db.pool.query('UPDATE invoices SET paid_at = $2 WHERE id = $1', [id, day.toISOString()]);
      expected[customerId] += cents;
    }
    await createInvoice(db.pool, { id: db.id(`open${c}`), customerId, lines: [{ description: 'Next month', quantity: 1, unitCents: 500 }] });
  }
  return { customerIds: Object.keys(expected), expectedPaid: expected };
}

/**
 * Prefetches what the dashboard shows first: the whole history and the windows starting at
 * every other month of the first year. Every window stays in the client's cache.
 */
async function warmDashboards(reports, idPrefix) {
  for (const offset of [0, 61, 122, 182, 243, 304]) {
    await reports.dailyRevenue(idPrefix, new Date(HISTORY_START.getTime() + offset * 86400000), HISTORY_DAYS - offset);
  }
}

module.exports = { HISTORY_START, HISTORY_DAYS, seedRevenue, warmDashboards };

'use strict';
const { useTestDb } = require('../../helpers/test-db.js');
const { createReportClient } = require('../../../../src/reporting/report-client.js');
const { markPaid, createInvoice } = require('../../../../src/billing/invoices.js');
const { HISTORY_START, HISTORY_DAYS, seedRevenue, warmDashboards } = require('./seed.js');

const db = useTestDb('reporting_cache');
let reports;

describe('report cache', () => {
  beforeAll(async () => {
    await seedRevenue(db, { customers: 4, invoicesEach: 2 });
    // Never closed (the leak): the expiry timer keeps the client and its cache reachable.
    reports = createReportClient(db.pool);
    await warmDashboards(reports, db.prefix);
  });

  test('serves a repeated query from the cache', async () => {
    const before = reports.queryCount;
    await reports.dailyRevenue(db.prefix, HISTORY_START, HISTORY_DAYS);
    await reports.dailyRevenue(db.prefix, new Date(HISTORY_START.getTime() + 3600000), HISTORY_DAYS);
    expect(reports.queryCount).toBe(before);
  });

  test('stale until invalidated', async () => {
    const first = await reports.revenueByCustomer(db.prefix);
    await createInvoice(db.pool, { id: db.id('late'), customerId: db.id('cust0'), lines: [{ description: 'Late fee', quantity: 1, unitCents: 700 }] });
    await markPaid(db.pool, db.id('late'));
    expect(await reports.revenueByCustomer(db.prefix)).toEqual(first);
    reports.invalidate('revenue:');
    const fresh = await reports.revenueByCustomer(db.prefix);
    expect(fresh[0].paidCents).toBe(first[0].paidCents + 700);
  });
});

'use strict';
const { useTestDb } = require('../../helpers/test-db.js');
const { createReportClient } = require('../../../../src/reporting/report-client.js');
const { seedRevenue, warmDashboards } = require('./seed.js');

const db = useTestDb('reporting_top');
let reports;

describe('top customers', () => {
  beforeAll(async () => {
    await seedRevenue(db, { customers: 5, invoicesEach: 3 });
    // Never closed, like the other reporting suites: its cache outlives the suite.
    reports = createReportClient(db.pool);
    await warmDashboards(reports, db.prefix);
  });

  test('orders customers by paid revenue, highest first', async () => {
    const top = await reports.topCustomers(db.prefix, 3);
    expect(top.map((row) => row.customerId)).toEqual([db.id('cust4'), db.id('cust3'), db.id('cust2')]);
    expect(top[0].paidCents).toBe(3 * 5000);
  });

  test('a limit above the customer count returns everyone', async () => {
    expect(await reports.topCustomers(db.prefix, 50)).toHaveLength(5);
  });
});

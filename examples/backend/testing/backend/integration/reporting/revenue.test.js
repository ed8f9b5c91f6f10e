'use strict';
const { useTestDb } = require('../../helpers/test-db.js');
const { createReportClient } = require('../../../../src/reporting/report-client.js');
const { HISTORY_START, HISTORY_DAYS, seedRevenue, warmDashboards } = require('./seed.js');

const db = useTestDb('reporting_revenue');
let reports;
let seeded;

describe('revenue by customer', () => {
  beforeAll(async () => {
    seeded = await seedRevenue(db, { customers: 4, invoicesEach: 5 });
    // The client is never closed: the leak this example shows (see src/reporting/report-client.js).
    reports = createReportClient(db.pool);
    await warmDashboards(reports, db.prefix);
  });

  test('paid and open totals per customer', async () => {
    const rows = await reports.revenueByCustomer(db.prefix);
    expect(rows).toEqual(seeded.customerIds.map((customerId) => ({ customerId, paidCents: seeded.expectedPaid[customerId], openCents: 500 })));
  });

  test('the daily series adds up to the paid totals', async () => {
    const series = await reports.dailyRevenue(db.prefix, HISTORY_START, HISTORY_DAYS);
    expect(series).toHaveLength(4 * HISTORY_DAYS);
    const total = series.reduce((sum, row) => sum + row.paidCents, 0);
    expect(total).toBe(Object.values(seeded.expectedPaid).reduce((a, b) => a + b, 0));
  });
});

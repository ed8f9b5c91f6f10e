'use strict';
const { useTestDb } = require('../../helpers/test-db.js');
const { createReportClient } = require('../../../../src/reporting/report-client.js');
const { HISTORY_START, HISTORY_DAYS, seedRevenue, warmDashboards } = require('./seed.js');

const db = useTestDb('reporting_daily');
let reports;

describe('daily revenue series', () => {
  beforeAll(async () => {
    await seedRevenue(db, { customers: 3, invoicesEach: 4 });
    // Never closed: each dashboard window below stays cached for the life of the process.
    reports = createReportClient(db.pool);
    await warmDashboards(reports, db.prefix);
  });

  test('has one row per customer and day, zero on quiet days', async () => {
    const series = await reports.dailyRevenue(db.prefix, HISTORY_START, HISTORY_DAYS);
    expect(series).toHaveLength(3 * HISTORY_DAYS);
    expect(series[0]).toEqual({ day: '2021-01-01', customerId: db.id('cust0'), paidCents: 1000, label: `${db.id('cust0')} on 2021-01-01` });
    expect(series.filter((row) => row.paidCents > 0)).toHaveLength(12);
  });

  test('windows start at the given day', async () => {
    for (const offset of [90, 180, 365]) {
      const from = new Date(HISTORY_START.getTime() + offset * 86400000);
      const series = await reports.dailyRevenue(db.prefix, from, HISTORY_DAYS - offset);
      expect(series[0].day).toBe(from.toISOString().slice(0, 10));
    }
  });
});

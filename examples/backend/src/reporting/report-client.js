'use strict';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A reporting client: revenue queries with an in-memory result cache that a timer expires.
 *
 * The expiry timer references the client, so a client stays reachable — cache included —
 * until `close()` clears the timer. Forgetting `close()` (as the reporting suites in this
 * example do, on purpose) leaks every result the client ever cached; in a single jest process
 * that memory piles up suite after suite, which is what quality-gates' per-suite heap figures
 * make visible.
 */
function createReportClient(db, { ttlMs = 10 * 60 * 1000, sweepMs = 30 * 1000 } = {}) {
  const cache = new Map();
  let queries = 0;

  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [key, entry] of cache) if (now - entry.at > ttlMs) cache.delete(key);
  }, sweepMs);
  // Do not hold the process open for the sweeper; closing the client is still required.
  sweep.unref();

  async function cached(key, load) {
    const hit = cache.get(key);
    if (hit) return hit.value;
    queries++;
    const value = await load();
    cache.set(key, { at: Date.now(), value });
    return value;
  }

  return {
    /** Paid and open totals per customer whose id starts with `idPrefix`, by customer id. */
    revenueByCustomer(idPrefix) {
      return cached(`revenue:${idPrefix}`, async () => {
        const { rows } = await db.query(
          `SELECT c.id AS customer_id,
                  coalesce(sum(i.total_cents) FILTER (WHERE i.status = 'paid'), 0)::int AS paid_cents,
                  coalesce(sum(i.total_cents) FILTER (WHERE i.status = 'open'), 0)::int AS open_cents
             FROM customers c LEFT JOIN invoices i ON i.customer_id = c.id
            WHERE starts_with(c.id, $1)
            GROUP BY c.id ORDER BY c.id`,
          [idPrefix],
        );
        return rows.map((row) => ({ customerId: row.customer_id, paidCents: row.paid_cents, openCents: row.open_cents }));
      });
    },

    /** The `limit` customers (id prefix `idPrefix`) with the most paid revenue, highest first. */
    async topCustomers(idPrefix, limit) {
      const all = await this.revenueByCustomer(idPrefix);
      return [...all].sort((a, b) => b.paidCents - a.paidCents || (a.customerId < b.customerId ? -1 : 1)).slice(0, limit);
    },

    /**
     * Paid revenue per customer per day over `days` days from `from` (a Date), one row per
     * customer and day, zero on days without payments: the series dashboards plot.
     */
    dailyRevenue(idPrefix, from, days) {
      const start = new Date(Math.floor(from.getTime() / DAY_MS) * DAY_MS);
      return cached(`daily:${idPrefix}:${start.toISOString()}:${days}`, async () => {
        const { rows } = await db.query(
          `SELECT d.day::date::text AS day, c.id AS customer_id,
                  coalesce(sum(i.total_cents), 0)::int AS paid_cents
             FROM generate_series($2::timestamptz, $2::timestamptz + ($3::int - 1) * interval '1 day', interval '1 day') AS d(day)
             CROSS JOIN customers c
             LEFT JOIN invoices i ON i.customer_id = c.id AND i.status = 'paid' AND i.paid_at::date = d.day::date
            WHERE starts_with(c.id, $1)
            GROUP BY d.day, c.id ORDER BY d.day, c.id`,
          [idPrefix, start.toISOString(), days],
        );
        return rows.map((row) => ({ day: row.day, customerId: row.customer_id, paidCents: row.paid_cents, label: `${row.customer_id} on ${row.day}` }));
      });
    },

    /** Drops cached results whose key starts with `keyPrefix` (all of them without one). */
    invalidate(keyPrefix = '') {
      for (const key of cache.keys()) if (key.startsWith(keyPrefix)) cache.delete(key);
    },

    /** How many queries reached the database (cache misses). */
    get queryCount() {
      return queries;
    },

    /** Stops the expiry timer and drops the cache; the client can then be collected. */
    close() {
      clearInterval(sweep);
      cache.clear();
    },
  };
}

module.exports = { createReportClient };

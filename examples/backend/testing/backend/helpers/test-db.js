'use strict';
const { createPool } = require('../../../src/db.js');

/** Tables holding rows a suite created, children before parents (foreign keys). */
const TABLES = ['notifications', 'orders', 'invoices', 'customers'];

/**
 * The id prefix of one suite's rows: `t_<suite>_`. Suites share one database and may run
 * after each other in one process, so each one deletes exactly the rows it created.
 */
function idPrefix(suite) {
  if (!/^[a-z0-9_]+$/.test(suite)) throw new Error(`suite name ${JSON.stringify(suite)}: use lowercase letters, digits and _`);
  return `t_${suite}_`;
}

/**
 * Deletes every row whose id starts with `prefix`, in foreign-key order. Uses starts_with()
 * rather than LIKE because `_` in the prefix is a LIKE wildcard: `t_billing_%` would also
 * match another suite's `t_billingXreport_…` rows.
 */
async function cleanup(db, prefix) {
  for (const table of TABLES) {
    await db.query(`DELETE FROM ${table} WHERE starts_with(id, $1)`, [prefix]);
  }
}

/**
 * Opens a pool for one suite and registers cleanup: rows with the suite's prefix are removed
 * before (leftovers of a crashed run) and after the suite, then the pool is closed.
 * Call at the top of a test file; returns { pool, prefix, id(name) }.
 */
function useTestDb(suite) {
  const prefix = idPrefix(suite);
  const state = { pool: undefined, prefix, id: (name) => `${prefix}${name}` };
  beforeAll(async () => {
    state.pool = createPool();
    await cleanup(state.pool, prefix);
  });
  afterAll(async () => {
    if (!state.pool) return;
    await cleanup(state.pool, prefix);
    await state.pool.end();
  });
  return state;
}

module.exports = { idPrefix, cleanup, useTestDb };

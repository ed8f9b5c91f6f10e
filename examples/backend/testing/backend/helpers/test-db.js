'use strict';
const { createPool } = require('../../../src/db.js');

/** Tables holding rows the suites created, children before parents (foreign keys). */
const TABLES = ['notifications', 'orders', 'invoices', 'customers'];

/** Every row a test creates has an id starting with this: `t_<suite>_<name>`. */
const TEST_ID_PATTERN = 't_%';

/**
 * The id prefix of one suite's rows: `t_<suite>_`, so that a reader of the database can tell
 * which suite made a row.
 */
function idPrefix(suite) {
  if (!/^[a-z0-9_]+$/.test(suite)) throw new Error(`suite name ${JSON.stringify(suite)}: use lowercase letters, digits and _`);
  return `t_${suite}_`;
}

/**
 * Deletes every test row (`id LIKE 't_%'`), in foreign-key order: the team's cleanup by
 * prefix. It is correct only while one suite at a time uses the database. Two jest workers
 * on one database delete each other's rows mid-suite (a customer vanishes under an invoice
 * being created, a total misses rows): run the modules one after another, or give each
 * parallel slot its own copy of the database (quality-gates --slots 2 with
 * isolation.postgres.urlEnv: DATABASE_URL).
 */
async function cleanup(db) {
  for (const table of TABLES) {
    await db.query(`DELETE FROM ${table} WHERE id LIKE '${TEST_ID_PATTERN}'`);
  }
}

/**
 * Opens a pool for one suite and registers the cleanup: every test row is removed before the
 * suite (leftovers of a crashed run) and after it, then the pool is closed.
 * Call at the top of a test file; returns { pool, prefix, id(name) }.
 */
function useTestDb(suite) {
  const prefix = idPrefix(suite);
  const state = { pool: undefined, prefix, id: (name) => `${prefix}${name}` };
  beforeAll(async () => {
    state.pool = createPool();
    await cleanup(state.pool);
  });
  afterAll(async () => {
    if (!state.pool) return;
    await cleanup(state.pool);
    await state.pool.end();
  });
  return state;
}

module.exports = { TEST_ID_PATTERN, idPrefix, cleanup, useTestDb };

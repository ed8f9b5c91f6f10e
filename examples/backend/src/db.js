'use strict';
const { Pool } = require('pg');

/** The schema every table lives in (created by testing/scripts/reset-db.mjs from migrations/). */
const SCHEMA = 'app';

/**
 * A connection pool on DATABASE_URL with the application schema first on the search path.
 * Callers own the pool: end it with `await pool.end()`.
 */
function createPool(url = process.env.DATABASE_URL) {
  if (!url) {
    throw new Error('DATABASE_URL is not set — point it at the test PostgreSQL, e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres');
  }
  return new Pool({ connectionString: url, max: 4, options: `-c search_path=${SCHEMA}` });
}

/**
 * Runs `work(client)` in one transaction on a client from `pool`: committed when it resolves,
 * rolled back when it throws.
 */
async function inTransaction(pool, work) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

module.exports = { SCHEMA, createPool, inTransaction };

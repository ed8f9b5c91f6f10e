import pg from 'pg';
import { expect, it } from 'vitest';
import { startPostgres } from './helpers/postgres.js';

it('starts a real PostgreSQL for the tests', async () => {
  const server = await startPostgres();
  try {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query('select 1 + 1 as two');
    expect(rows[0].two).toBe(2);
    await client.end();
  } finally {
    await server.stop();
  }
});

#!/usr/bin/env node
// Drops and recreates the application schema from migrations/*.sql, in file-name order.
// quality-gates runs it once before the batch (`reset:` in quality-gates.config.yml, with
// --force-reset), never per module: a reset per module would wipe a slow module's peers.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCHEMA = 'app';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('reset-db: DATABASE_URL is not set — point it at the test PostgreSQL (it must not be a database you care about)');
  process.exit(2);
}

const migrationsDir = join(root, 'migrations');
const migrations = readdirSync(migrationsDir).filter((name) => name.endsWith('.sql')).sort();
const client = new pg.Client({ connectionString: url });
try {
  await client.connect();
  await client.query('BEGIN');
  await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await client.query(`CREATE SCHEMA ${SCHEMA}`);
  await client.query(`SET LOCAL search_path TO ${SCHEMA}`);
  for (const name of migrations) await client.query(readFileSync(join(migrationsDir, name), 'utf8'));
  await client.query('COMMIT');
  console.log(`reset-db: schema ${SCHEMA} recreated from ${migrations.length} migrations (${migrations.join(', ')})`);
} catch (error) {
  console.error(`reset-db: ${error.message}`);
  process.exitCode = 1;
} finally {
  await client.end().catch(() => {});
}

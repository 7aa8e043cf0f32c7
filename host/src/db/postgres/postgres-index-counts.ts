import pg from 'pg';
import type { IndexCounts } from '../sqlite-index-counts.js';

/** What a PostgreSQL index holds, or why it could not be read. */
export type PostgresIndexCounts = { readonly counts: IndexCounts } | { readonly unreachable: string };

/**
 * How many studies, series and instances the PostgreSQL index at `url` holds, read with one
 * connection of its own (nothing written, no migration; an index without its tables yet holds
 * none). A server that does not answer within `timeoutMs` (connection and each count) is
 * reported with the driver's reason, not thrown.
 */
export async function postgresIndexCounts(url: string, timeoutMs = 5000): Promise<PostgresIndexCounts> {
  const client = new pg.Client({ connectionString: url, application_name: 'atrium', connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined); // a connection lost meanwhile fails the pending query instead
  try {
    await client.connect();
    const { rows } = await client.query<{ present: boolean }>("SELECT to_regclass('instance') IS NOT NULL AS present");
    if (rows[0]?.present !== true) return { counts: { studies: 0, series: 0, instances: 0 } };
    const count = async (table: string): Promise<number> => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
    return { counts: { studies: await count('study'), series: await count('series'), instances: await count('instance') } };
  } catch (e) {
    return { unreachable: (e as Error).message };
  } finally {
    await client.end().catch(() => undefined);
  }
}

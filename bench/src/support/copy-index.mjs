// Copies the patient, study, series and instance rows of a SQLite index into a PostgreSQL index
// of the same schema version (both made by Atrium's migrations, so the columns are the same), in
// multi-row INSERTs: the C-FIND comparison then queries the very same rows on both engines, and
// filling PostgreSQL takes seconds instead of a round trip per statement of the Index API.
import Database from 'better-sqlite3';
import pg from 'pg';

const TABLES = ['patient', 'study', 'series', 'instance'];
/** PostgreSQL takes at most 65535 parameters per statement. */
const MAX_PARAMS = 60_000;

/**
 * @param {string} sqlitePath the store's index.sqlite
 * @param {string} url the PostgreSQL index (migrated: `atrium config set index <url>` made it)
 * @returns {Promise<number>} rows copied
 */
export async function copyIndexToPostgres(sqlitePath, url) {
  const source = new Database(sqlitePath, { readonly: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let copied = 0;
  try {
    await client.query('BEGIN');
    for (const table of TABLES) {
      const columns = source.pragma(`table_info(${table})`).map((c) => c.name);
      const quoted = columns.map((c) => `"${c}"`).join(', ');
      const perBatch = Math.floor(MAX_PARAMS / columns.length);
      const rows = source.prepare(`SELECT ${quoted} FROM ${table} ORDER BY pk`).raw().all();
      for (let start = 0; start < rows.length; start += perBatch) {
        const batch = rows.slice(start, start + perBatch);
        const values = batch.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
        await client.query(`INSERT INTO ${table} (${quoted}) VALUES ${values}`, batch.flat());
      }
      await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'pk'), (SELECT max(pk) FROM ${table}))`);
      copied += rows.length;
    }
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } finally {
    await client.end();
    source.close();
  }
  return copied;
}

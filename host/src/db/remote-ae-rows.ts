import type { SqlDatabase } from './sql-database.js';
import { stmt } from './statement-cache.js';
import { serviceToken } from '../core/service-token.js';

/** A row of the remote AE table, as kept (checks and meaning belong to net's `RemoteAeTable`). */
export interface RemoteAeRow {
  readonly title: string;
  readonly host: string;
  readonly port: number;
  readonly alias?: string;
  readonly roles: readonly string[];
  /** C-ECHO at the start of every association that sends to it; absent = true. */
  readonly verifyBeforeSend?: boolean;
}

/** The remote AE table's rows (table `remote_ae`). */
export interface RemoteAeRows {
  /**
   * Write `row`, replacing the row with its title, unless its title is another row's alias or
   * its alias another row's title or alias: then nothing is written and that row is returned.
   * One transaction.
   */
  put(row: RemoteAeRow): RemoteAeRow | undefined;
  /** Every row, sorted by title. */
  list(): RemoteAeRow[];
  byAlias(alias: string): RemoteAeRow | undefined;
  byTitle(title: string): RemoteAeRow | undefined;
  /** Remove the row with this title; false when there was none. */
  remove(title: string): boolean;
}

interface Row {
  title: string;
  host: string;
  port: number;
  alias: string | null;
  roles: string;
  verify_before_send: number;
}

const COLUMNS = 'title, host, port, alias, roles, verify_before_send';

function fromRow(r: Row): RemoteAeRow {
  return { title: r.title, host: r.host, port: r.port, ...(r.alias === null ? {} : { alias: r.alias }), roles: JSON.parse(r.roles) as string[], ...(r.verify_before_send === 0 ? { verifyBeforeSend: false } : {}) };
}

/** DI token of {@link RemoteAeRows}. */
export const RemoteAeRows = serviceToken<RemoteAeRows>('RemoteAeRows');

/** {@link RemoteAeRows} on a {@link SqlDatabase} (SQLite or PostgreSQL). */
export class RemoteAeRowsImpl implements RemoteAeRows {
  constructor(private readonly db: SqlDatabase) {}

  put(row: RemoteAeRow): RemoteAeRow | undefined {
    return this.db
      .transaction((): RemoteAeRow | undefined => {
        const other = stmt<Row>(this.db, `SELECT ${COLUMNS} FROM remote_ae WHERE title <> @title AND (alias = @title OR alias = @alias OR title = @alias)`)
          .get({ title: row.title, alias: row.alias ?? null });
        if (other) return fromRow(other);
        stmt(
          this.db,
          `INSERT INTO remote_ae (title, host, port, alias, roles, verify_before_send, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (title) DO UPDATE SET host = excluded.host, port = excluded.port, alias = excluded.alias,
             roles = excluded.roles, verify_before_send = excluded.verify_before_send, updated_at = excluded.updated_at`,
        ).run(row.title, row.host, row.port, row.alias ?? null, JSON.stringify(row.roles), row.verifyBeforeSend === false ? 0 : 1, new Date().toISOString());
        return undefined;
      })
      .immediate();
  }

  list(): RemoteAeRow[] {
    return stmt<Row>(this.db, `SELECT ${COLUMNS} FROM remote_ae ORDER BY title`).all().map(fromRow);
  }

  byAlias(alias: string): RemoteAeRow | undefined {
    const r = stmt<Row>(this.db, `SELECT ${COLUMNS} FROM remote_ae WHERE alias = ?`).get(alias);
    return r && fromRow(r);
  }

  byTitle(title: string): RemoteAeRow | undefined {
    const r = stmt<Row>(this.db, `SELECT ${COLUMNS} FROM remote_ae WHERE title = ?`).get(title);
    return r && fromRow(r);
  }

  remove(title: string): boolean {
    return stmt(this.db, 'DELETE FROM remote_ae WHERE title = ?').run(title).changes === 1;
  }
}

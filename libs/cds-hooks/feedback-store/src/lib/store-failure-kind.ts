/**
 * Whether a store write failed because of the records written (a value the schema refuses) rather than
 * because the store cannot be reached. The card ledger retries an outage forever, which is right; retrying
 * a record the store will always refuse would block every card queued behind it, so such a record is
 * isolated and dropped instead. Anything not recognised here counts as an outage: keeping a card too long
 * is recoverable, dropping a good one is not.
 */
export function isRefusedRecordError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  if (typeof code !== 'string') {
    return false;
  }
  return POSTGRES_REFUSED_RECORD.test(code) || SQLITE_REFUSED_RECORD.test(code);
}

/**
 * PostgreSQL SQLSTATE class 22 (data exception: bad timestamp, U+0000 in text, value too long) and class 23
 * (integrity constraint violation). https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
const POSTGRES_REFUSED_RECORD = /^2[23][0-9A-Z]{3}$/;

/**
 * better-sqlite3 extended result codes: any constraint (NOT NULL, CHECK, UNIQUE, FOREIGN KEY), a datatype
 * mismatch, a value too big. Busy, locked, full, I/O and read-only errors are outages.
 * https://www.sqlite.org/rescode.html
 */
const SQLITE_REFUSED_RECORD = /^SQLITE_(CONSTRAINT(_[A-Z]+)?|MISMATCH|TOOBIG)$/;

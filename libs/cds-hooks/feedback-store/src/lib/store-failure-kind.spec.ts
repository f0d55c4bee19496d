import { isRefusedRecordError } from './store-failure-kind';

const withCode = (code: unknown, name = 'Error'): Error => Object.assign(new Error('value quoted here'), { name, code });

describe('isRefusedRecordError', () => {
  it.each([
    ['PostgreSQL U+0000 in a text value (22021)', withCode('22021', 'DatabaseError')],
    ['PostgreSQL invalid timestamp (22007)', withCode('22007', 'DatabaseError')],
    ['PostgreSQL value too long (22001)', withCode('22001', 'DatabaseError')],
    ['PostgreSQL NOT NULL violation (23502)', withCode('23502', 'DatabaseError')],
    ['PostgreSQL CHECK violation (23514)', withCode('23514', 'DatabaseError')],
    ['SQLite NOT NULL constraint', withCode('SQLITE_CONSTRAINT_NOTNULL', 'SqliteError')],
    ['SQLite CHECK constraint', withCode('SQLITE_CONSTRAINT_CHECK', 'SqliteError')],
    ['SQLite bare constraint', withCode('SQLITE_CONSTRAINT', 'SqliteError')],
    ['SQLite datatype mismatch', withCode('SQLITE_MISMATCH', 'SqliteError')],
    ['SQLite value too big', withCode('SQLITE_TOOBIG', 'SqliteError')],
  ])('a refused record: %s', (_scenario, error) => {
    expect(isRefusedRecordError(error)).toBe(true);
  });

  it.each([
    ['connection refused', withCode('ECONNREFUSED')],
    ['connection reset', withCode('ECONNRESET')],
    ['timeout', withCode('ETIMEDOUT')],
    ['PostgreSQL shutting down (57P01)', withCode('57P01', 'DatabaseError')],
    ['PostgreSQL too many connections (53300)', withCode('53300', 'DatabaseError')],
    ['PostgreSQL serialization failure (40001)', withCode('40001', 'DatabaseError')],
    ['PostgreSQL read-only transaction (25006)', withCode('25006', 'DatabaseError')],
    ['PostgreSQL undefined table (42P01): the schema, not the record', withCode('42P01', 'DatabaseError')],
    ['SQLite busy', withCode('SQLITE_BUSY', 'SqliteError')],
    ['SQLite disk full', withCode('SQLITE_FULL', 'SqliteError')],
    ['SQLite I/O error', withCode('SQLITE_IOERR_WRITE', 'SqliteError')],
    ['SQLite read-only', withCode('SQLITE_READONLY', 'SqliteError')],
    ['an error without a code', new Error('disk full')],
    ['a numeric code', withCode(23505)],
    ['not an Error', 'boom'],
    ['undefined', undefined],
    ['null', null],
  ])('an outage (kept and retried): %s', (_scenario, error) => {
    expect(isRefusedRecordError(error)).toBe(false);
  });
});

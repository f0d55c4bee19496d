import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { FeedbackStoreConfig } from '../lib/create-feedback-repository';
import { TABLES } from '../lib/feedback-tables';
import type { TestPostgres } from './test-postgres';
import { dropSchema, randomSchemaName, withClient } from './test-postgres';

/** One fresh, empty store per test: a temp SQLite file or a random Postgres schema. */
export interface StoreUnderTest {
  kind: 'sqlite' | 'postgres';
  config: FeedbackStoreConfig;
  /** Every byte the store holds (SQLite: the file and its WAL; Postgres: every row as text). Close repositories first. */
  rawContents(): Promise<Buffer>;
  /** Runs statements as they are, outside any repository (e.g. to build an older schema); Postgres: in the store's schema. */
  runSql(sql: string): Promise<void>;
  /** One statement's rows, read outside any repository; Postgres: in the store's schema. */
  query<T>(sql: string): Promise<T[]>;
  /** The tables and indexes the store holds. */
  relationNames(): Promise<string[]>;
  dispose(): Promise<void>;
}

export interface StoreKind {
  kind: 'sqlite' | 'postgres';
  /** Set when the store cannot run here: its tests are registered as skipped. */
  skipReason?: string;
  create(): StoreUnderTest;
}

export function sqliteStore(): StoreKind {
  return {
    kind: 'sqlite',
    create: (): StoreUnderTest => {
      const dir = mkdtempSync(join(tmpdir(), 'feedback-store-'));
      const path = join(dir, 'nested', 'feedback.sqlite');
      const withDatabase = <T>(work: (db: Database.Database) => T): T => {
        mkdirSync(dirname(path), { recursive: true });
        const db = new Database(path);
        try {
          return work(db);
        } finally {
          db.close();
        }
      };
      return {
        kind: 'sqlite',
        config: { sqlitePath: path },
        rawContents: async (): Promise<Buffer> =>
          Buffer.concat([path, `${path}-wal`, `${path}-journal`].filter((f) => existsSync(f)).map((f) => readFileSync(f))),
        runSql: async (sql: string): Promise<void> => withDatabase((db) => void db.exec(sql)),
        query: async <T>(sql: string): Promise<T[]> => withDatabase((db) => db.prepare(sql).all() as T[]),
        relationNames: async (): Promise<string[]> =>
          withDatabase(
            (db) => db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name`).pluck().all() as string[],
          ),
        dispose: async (): Promise<void> => rmSync(dir, { recursive: true, force: true }),
      };
    },
  };
}

export function postgresStore(postgres: TestPostgres): StoreKind {
  if (postgres.url === undefined) {
    const skipReason = postgres.skipReason;
    return {
      kind: 'postgres',
      skipReason,
      create: (): StoreUnderTest => {
        throw new Error(skipReason);
      },
    };
  }
  return {
    kind: 'postgres',
    create: (): StoreUnderTest => {
      const schema = randomSchemaName();
      const url = postgres.url;
      return {
        kind: 'postgres',
        config: { databaseUrl: url, postgres: { schema } },
        rawContents: async (): Promise<Buffer> =>
          withClient(url, async (client) => {
            const texts: string[] = [];
            for (const table of Object.values(TABLES)) {
              const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${schema}"."${table}" t`);
              texts.push(...rows.rows.map((r) => r.row));
            }
            return Buffer.from(texts.join('\n'), 'utf8');
          }),
        runSql: (sql: string): Promise<void> =>
          withClient(url, async (client) => {
            await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"; SET search_path TO "${schema}"; ${sql}`);
          }),
        query: <T>(sql: string): Promise<T[]> =>
          withClient(url, async (client) => {
            await client.query(`SET search_path TO "${schema}"`);
            return (await client.query(sql)).rows as T[];
          }),
        relationNames: (): Promise<string[]> =>
          withClient(url, async (client) => {
            const rows = await client.query<{ relname: string }>(
              `SELECT relname FROM pg_class WHERE relnamespace = to_regnamespace($1) AND relkind IN ('r', 'i') ORDER BY relname`,
              [schema],
            );
            return rows.rows.map((r) => r.relname);
          }),
        dispose: (): Promise<void> => dropSchema(url, schema),
      };
    },
  };
}

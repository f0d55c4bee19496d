import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
      return {
        kind: 'sqlite',
        config: { sqlitePath: path },
        rawContents: async (): Promise<Buffer> =>
          Buffer.concat([path, `${path}-wal`, `${path}-journal`].filter((f) => existsSync(f)).map((f) => readFileSync(f))),
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
        dispose: (): Promise<void> => dropSchema(url, schema),
      };
    },
  };
}

import type { FeedbackRepository } from './feedback.repository';
import type { PostgresFeedbackRepositoryOptions } from './postgres-feedback.repository';
import { PostgresFeedbackRepository } from './postgres-feedback.repository';
import { SqliteFeedbackRepository } from './sqlite-feedback.repository';

export interface FeedbackStoreConfig {
  /** A Postgres URL (DATABASE_URL): when set, Postgres is used and `sqlitePath` is ignored. */
  databaseUrl?: string;
  /** The SQLite file otherwise (FEEDBACK_SQLITE_PATH); default `data/feedback.sqlite` relative to cwd. */
  sqlitePath?: string;
  /** Further Postgres options (schema, pool size, pool error handler). */
  postgres?: Omit<PostgresFeedbackRepositoryOptions, 'connectionString'>;
}

/**
 * Postgres when a URL is given, else SQLite. SQLite opens (and creates its schema) here; call `init()` on the
 * result at start-up so that a Postgres that cannot be reached or migrated stops start-up too.
 */
export function createFeedbackRepository(config: FeedbackStoreConfig = {}): FeedbackRepository {
  const url = config.databaseUrl?.trim();
  if (url) {
    return new PostgresFeedbackRepository({ ...config.postgres, connectionString: url });
  }
  return new SqliteFeedbackRepository({ path: config.sqlitePath || undefined });
}

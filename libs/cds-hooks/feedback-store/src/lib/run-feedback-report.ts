import type { FeedbackStoreConfig } from './create-feedback-repository';
import { createFeedbackRepository } from './create-feedback-repository';
import { feedbackReport } from './feedback-report';
import { renderFeedbackReport } from './render-feedback-report';

/** Opens the store (Postgres when `databaseUrl` is set, else the SQLite file), renders the report, closes. */
export async function runFeedbackReport(config: FeedbackStoreConfig = {}): Promise<string> {
  const repository = createFeedbackRepository(config);
  try {
    await repository.init();
    return renderFeedbackReport(await feedbackReport(repository), { source: repository.describe() });
  } finally {
    await repository.close();
  }
}

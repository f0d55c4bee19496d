export { FeedbackRepository } from './lib/feedback.repository';
export { SqliteFeedbackRepository } from './lib/sqlite-feedback.repository';
export { PostgresFeedbackRepository } from './lib/postgres-feedback.repository';
export { createFeedbackRepository } from './lib/create-feedback-repository';
export type { FeedbackStoreConfig } from './lib/create-feedback-repository';
export { PatientHashSaltError, resolvePatientHashSalt } from './lib/patient-hash';
export { DurableFeedbackSink } from './lib/durable-feedback.sink';
export { DurableCardLedger } from './lib/durable-card.ledger';
export { feedbackReport } from './lib/feedback-report';
export { DurableCardMemory } from './lib/durable-card.memory';
export { CountedFeedbackSink } from './lib/counted-feedback.sink';
export { parseGovernanceReportArgs, ReportArgumentError, runGovernanceReport } from './lib/governance-report';
// The report in one call, as the README shows it (read a store, render markdown).
export { renderFeedbackReport } from './lib/render-feedback-report';
export { runFeedbackReport } from './lib/run-feedback-report';

export * from './lib/to-cards';
export * from './lib/indicator';
export * from './lib/rule-wording';
export * from './lib/guideline-sources';
// Shared with the order hooks: the same draft ServiceRequest and markdown escaping as patient-view cards.
export * from './lib/draft-service-request';
export * from './lib/markdown';

export * from './lib/to-cards';
export * from './lib/card-plan';
export * from './lib/card-sources';
export * from './lib/indicator';
// Shared with the order hooks: the same draft ServiceRequest and markdown escaping as patient-view cards.
export * from './lib/draft-service-request';
export * from './lib/markdown';

export * from './lib/to-cards';
export * from './lib/indicator';
export * from './lib/rule-wording';
export * from './lib/guideline-sources';

export * from './lib/draft-order';
export * from './lib/order-coverage';
export * from './lib/draft-verdict';
export * from './lib/review-context';
export * from './lib/missing-steps';
export * from './lib/judge-draft';
export * from './lib/review-draft-orders';

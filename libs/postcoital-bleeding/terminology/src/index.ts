export * from './lib/terminology';
export * from './lib/published-resources';
export * from './lib/order-reason-codes';

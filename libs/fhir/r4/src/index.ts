export * from './lib/operation-outcome';
export * from './lib/bundle';

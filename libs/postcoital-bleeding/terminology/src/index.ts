export * from './lib/terminology';
export * from './lib/published-resources';

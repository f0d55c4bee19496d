export * from './lib/terminology';

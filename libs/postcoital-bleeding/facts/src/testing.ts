// Test support: compact patient charts with dates relative to a fixed evaluation date.
export { chart, daysAgo, monthsAgo, TODAY, weeksAgo, yearsAgo } from './lib/record-builder.testing';

// Test support: compact patient charts with dates relative to a fixed evaluation date.
export * from './lib/record-builder.testing';

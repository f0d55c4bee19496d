export * from './lib/wire-types';
export * from './lib/cds-service.port';
export * from './lib/card-memory.port';

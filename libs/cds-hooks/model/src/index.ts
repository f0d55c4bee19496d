export * from './lib/wire-types';
export * from './lib/cds-service.port';

export * from './lib/cds-hooks-api.module';

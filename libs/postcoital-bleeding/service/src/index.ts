export * from './lib/postcoital-bleeding.cds-service';
export * from './lib/service-definition';
export * from './lib/guideline-configuration';

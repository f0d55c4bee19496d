export * from './lib/postcoital-bleeding.cds-service';
export * from './lib/service-definition';
export * from './lib/guideline-configuration';
export * from './lib/evaluate-guideline';
export * from './lib/order-hook.cds-services';
export * from './lib/order-service-definitions';
export * from './lib/card-memory-key';
export * from './lib/card-memory-settings';

export * from './lib/patient-record';
export * from './lib/postcoital-bleeding-facts';
export * from './lib/guideline-parameters';
export * from './lib/derive-facts';
export * from './lib/dates';

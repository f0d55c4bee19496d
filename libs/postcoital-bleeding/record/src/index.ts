export * from './lib/prefetch-templates';
export * from './lib/to-patient-record';
export * from './lib/fhir-dates';

export * from './lib/fhir-r4';

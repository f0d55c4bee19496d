export * from './lib/fhir-request-error';
export * from './lib/fhir-rest-client';

// Secondary entry point for tests (the guideline's included): not exported from index.ts because it
// depends on fhirpath, @nestjs/testing and node:http test servers, which production code must not pull in.
export * from './testing/cds-hooks-invariants';
export * from './testing/create-cds-hooks-test-app';
export * from './testing/spec-files';
export * from './testing/stub-fhir-server';
export * from './testing/recording-cds-service';

export { startFhirSandbox } from './lib/start-fhir-sandbox';
export type { FhirSandbox } from './lib/start-fhir-sandbox';

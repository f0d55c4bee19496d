export type { FhirSandbox, FhirSandboxOptions } from './lib/start-fhir-sandbox';
export { startFhirSandbox } from './lib/start-fhir-sandbox';

// Secondary entry point for tests (the guideline's included): not exported from index.ts because it
// depends on fhirpath, @nestjs/testing and node:http test servers, which production code must not pull in.
export { assertCdsHooksInvariants, evaluateCdsHooksInvariants } from './testing/cds-hooks-invariants';
export type { CdsHooksDocumentKind, InvariantReport, InvariantViolation } from './testing/cds-hooks-invariants';
export { CapturingLogger, createCdsHooksTestApp, HOOK_ENDPOINT_WAYS } from './testing/create-cds-hooks-test-app';
export type { CapturedLog, CdsHooksTestApp, CdsHooksTestAppSetup } from './testing/create-cds-hooks-test-app';
export { specDataDir, readSpecJson } from './testing/spec-files';
export { StubFhirServer, unreachableFhirBaseUrl } from './testing/stub-fhir-server';
export type { StubFhirHandler, StubFhirReply, StubFhirRequest } from './testing/stub-fhir-server';
export { PATIENT_AND_CONDITIONS_PREFETCH, RecordingCdsService } from './testing/recording-cds-service';
export type { RecordingServiceBehaviour } from './testing/recording-cds-service';

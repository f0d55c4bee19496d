export { FhirRequestError, isFhirRequestError } from './lib/fhir-request-error';
export type { FhirRequestErrorDetails, FhirRequestErrorKind } from './lib/fhir-request-error';
export { FhirRestClient } from './lib/fhir-rest-client';
export { FHIR_FETCH_CHANNEL } from './lib/fhir-fetch-channel';
export { FhirConnections } from './lib/fhir-connections';
export { checkResponseLimits, DEFAULT_FHIR_RESPONSE_LIMITS } from './lib/response-limits';
export type { FhirResponseLimits } from './lib/response-limits';
export { checkAnswer, describeQuery, expectedAnswerOfRelative } from './lib/expected-answer';

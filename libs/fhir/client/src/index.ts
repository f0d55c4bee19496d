export * from './lib/fhir-request-error';
export * from './lib/fhir-rest-client';
export * from './lib/fhir-fetch-channel';
export * from './lib/fhir-connections';
export * from './lib/response-limits';
export { checkAnswer, describeQuery, expectedAnswerOfRelative } from './lib/expected-answer';
export type { ExpectedAnswer } from './lib/expected-answer';

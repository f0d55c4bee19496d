export { isOperationOutcome, operationOutcome } from './lib/operation-outcome';
export type { IssueCode } from './lib/operation-outcome';
export { isBundle } from './lib/bundle';

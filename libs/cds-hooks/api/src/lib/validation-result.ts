import type { IssueCode } from '@pcb-cds/fhir-r4';

/** The outcome of a pure request validator: the typed value, or the first problem and the field it is in. */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; problem: ValidationProblem };

export interface ValidationProblem {
  /** Path of the offending field in the request body, e.g. `context.patientId` or `feedback[0].outcome`. */
  field: string;
  code: IssueCode;
  text: string;
}

export function invalid<T>(field: string, text: string, code: IssueCode = 'value'): ValidationResult<T> {
  return { ok: false, problem: { field, code, text } };
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';

export type IssueCode = OperationOutcomeIssue['code'];

/** A one-issue OperationOutcome: what every error response of this product carries. */
export function operationOutcome(
  code: IssueCode,
  text: string,
  options: { severity?: OperationOutcomeIssue['severity']; diagnostics?: string; expression?: string[] } = {},
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: options.severity ?? 'error',
        code,
        details: { text },
        ...(options.diagnostics ? { diagnostics: options.diagnostics } : {}),
        ...(options.expression ? { expression: options.expression } : {}),
      },
    ],
  };
}

export function isOperationOutcome(value: unknown): value is OperationOutcome {
  return (value as { resourceType?: unknown } | null)?.resourceType === 'OperationOutcome';
}

/** The body the viewer's own errors carry: the same OperationOutcome shape the CDS service answers with. */
export interface ViewerOperationOutcome {
  resourceType: 'OperationOutcome';
  issue: { severity: 'error'; code: string; diagnostics: string }[];
}

export function operationOutcome(code: string, diagnostics: string): ViewerOperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}

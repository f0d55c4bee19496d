import { isOperationOutcome, operationOutcome } from './operation-outcome';

describe('operationOutcome', () => {
  it('builds a single error issue with the text in details', () => {
    const oo = operationOutcome('not-found', 'Unknown service', { diagnostics: 'id=x' });
    expect(oo).toEqual({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'not-found', details: { text: 'Unknown service' }, diagnostics: 'id=x' }],
    });
    expect(isOperationOutcome(oo)).toBe(true);
    expect(isOperationOutcome({ resourceType: 'Patient' })).toBe(false);
    expect(isOperationOutcome(null)).toBe(false);
  });
});

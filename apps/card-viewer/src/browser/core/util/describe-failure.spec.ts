import { httpFailureMessage, outcomeText, unreachableMessage } from './describe-failure';

const outcome = (diagnostics: string): unknown => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'x', diagnostics }],
});

describe('failure messages', () => {
  it('names the server that did not answer', () => {
    expect(unreachableMessage('FHIR server', 'http://127.0.0.1:8081/fhir')).toBe(
      'The FHIR server is not reachable at http://127.0.0.1:8081/fhir. Is it running?',
    );
    expect(unreachableMessage('CDS service', 'http://localhost:3000/viewer/api/cds-services')).toContain(
      'The CDS service is not reachable',
    );
  });

  it('passes the proxy’s own words on when the CDS service is down', () => {
    const down = outcome('The CDS service at http://127.0.0.1:3000 is not reachable: ECONNREFUSED');
    expect(httpFailureMessage('CDS service', 502, down, true)).toBe(
      'The CDS service at http://127.0.0.1:3000 is not reachable: ECONNREFUSED',
    );
  });

  it('quotes the OperationOutcome of any other error, with the status', () => {
    expect(httpFailureMessage('CDS service', 412, outcome('Patient/x could not be read'), true)).toBe(
      'The CDS service answered HTTP 412: Patient/x could not be read',
    );
    expect(httpFailureMessage('FHIR server', 500, 'oops', false)).toBe('The FHIR server answered HTTP 500.');
  });

  it('reads details.text when there are no diagnostics, and nothing from a non-outcome', () => {
    expect(outcomeText({ resourceType: 'OperationOutcome', issue: [{ details: { text: 'a' } }, { diagnostics: 'b' }] })).toBe('a; b');
    expect(outcomeText({ resourceType: 'Patient' })).toBeUndefined();
    expect(outcomeText(null)).toBeUndefined();
  });
});

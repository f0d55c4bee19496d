import { scopeRefusal } from './hook-call-scope';

const FHIR = 'http://127.0.0.1:8081/fhir';
const options = { serviceIds: new Set(['pcb-evaluation', 'pcb-order-select', 'pcb-order-sign']), fhirBaseUrl: FHIR };
const statusOf = (call: Parameters<typeof scopeRefusal>[0], opts: Parameters<typeof scopeRefusal>[1] = options): number | undefined =>
  scopeRefusal(call, opts)?.status;

describe('scopeRefusal', () => {
  it.each([
    ['a hook call for the viewer’s FHIR server', { serviceId: 'pcb-evaluation', feedback: false, body: { fhirServer: FHIR } }, undefined],
    [
      'the same server written with a trailing slash',
      { serviceId: 'pcb-order-select', feedback: false, body: { fhirServer: `${FHIR}/` } },
      undefined,
    ],
    [
      'feedback for a configured service (names no FHIR server)',
      { serviceId: 'pcb-evaluation', feedback: true, body: { feedback: [] } },
      undefined,
    ],
    [
      'a hook call for another FHIR server',
      { serviceId: 'pcb-evaluation', feedback: false, body: { fhirServer: 'http://169.254.169.254/fhir' } },
      403,
    ],
    [
      'a hook call for a server whose URL only starts like the viewer’s',
      { serviceId: 'pcb-evaluation', feedback: false, body: { fhirServer: `${FHIR}.evil.example` } },
      403,
    ],
    ['a hook call naming no FHIR server (prefetch only)', { serviceId: 'pcb-evaluation', feedback: false, body: { prefetch: {} } }, 400],
    ['a fhirServer that is not a string', { serviceId: 'pcb-evaluation', feedback: false, body: { fhirServer: [FHIR] } }, 400],
    ['a service the viewer does not call', { serviceId: 'other-service', feedback: false, body: { fhirServer: FHIR } }, 404],
    ['feedback for a service the viewer does not call', { serviceId: 'other-service', feedback: true, body: { feedback: [] } }, 404],
  ])('%s → %s', (_name, call, status) => {
    expect(statusOf(call)).toBe(status);
  });

  it('calls any service when none are configured (signing off), still for its FHIR server only', () => {
    expect(statusOf({ serviceId: 'stub', feedback: false, body: { fhirServer: FHIR } }, { fhirBaseUrl: FHIR })).toBeUndefined();
    expect(statusOf({ serviceId: 'stub', feedback: false, body: { fhirServer: 'http://elsewhere/fhir' } }, { fhirBaseUrl: FHIR })).toBe(
      403,
    );
  });

  it('answers an OperationOutcome that names the allowed services', () => {
    const answer = scopeRefusal({ serviceId: 'x', feedback: false, body: {} }, options);
    expect(JSON.parse(answer?.body ?? '{}')).toEqual({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'not-found',
          diagnostics: 'The card viewer calls only these CDS services: pcb-evaluation, pcb-order-select, pcb-order-sign',
        },
      ],
    });
  });
});

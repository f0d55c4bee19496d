import type { CdsServiceDefinition } from '@pcb-cds/cds-hooks-model';
import { readSharedJson } from '../testing';
import { validateHookRequest } from './validate-hook-request';

const definition: CdsServiceDefinition = {
  id: 'echo-service',
  hook: 'patient-view',
  description: 'echo',
  prefetch: { patient: 'Patient/{{context.patientId}}' },
};
const valid = readSharedJson<Record<string, unknown>>('cds-hooks-spec/spec-2.0.1-examples/request-patient-view.json');

function problemOf(body: unknown) {
  const result = validateHookRequest(body, definition);
  expect(result.ok).toBe(false);
  return result.ok ? undefined : result.problem;
}

describe('validateHookRequest', () => {
  it('accepts the spec example request and returns it untouched (unknown fields and extension included)', () => {
    const body = { ...valid, extension: { 'com.example.x': 1 }, somethingNew: [1] };
    expect(validateHookRequest(body, definition)).toEqual({ ok: true, value: body });
  });

  it.each(['fixtures__hooks-patients__R4__missing_prefetch_keys_invocation.json', 'fixtures__hooks-patients__R4__null_prefetch_values_invocation.json'])(
    'accepts the AHRQ vector %s',
    (file) => {
      const body = readSharedJson(`cds-hooks-spec/test-vectors/ahrq-cql-services/${file}`);
      expect(validateHookRequest(body, definition).ok).toBe(true);
    },
  );

  it.each([
    ['a non-object body', [], 'body'],
    ['null body', null, 'body'],
    ['missing hook', { ...valid, hook: undefined }, 'hook'],
    ['non-string hook', { ...valid, hook: 1 }, 'hook'],
    ['another hook', { ...valid, hook: 'order-sign' }, 'hook'],
    ['missing hookInstance', { ...valid, hookInstance: undefined }, 'hookInstance'],
    ['empty hookInstance', { ...valid, hookInstance: '' }, 'hookInstance'],
    ['missing context', { ...valid, context: undefined }, 'context'],
    ['array context', { ...valid, context: [] }, 'context'],
    ['missing context.patientId', { ...valid, context: { userId: 'Practitioner/1' } }, 'context.patientId'],
    ['numeric context.patientId', { ...valid, context: { patientId: 1 } }, 'context.patientId'],
    ['non-string context.userId', { ...valid, context: { patientId: '1', userId: 5 } }, 'context.userId'],
    ['fhirAuthorization without fhirServer (cds-r-1)', { ...valid, fhirServer: undefined }, 'fhirServer'],
    ['relative fhirServer', { ...valid, fhirServer: '/fhir' }, 'fhirServer'],
    ['non-http fhirServer', { ...valid, fhirServer: 'file:///etc/passwd' }, 'fhirServer'],
    ['non-object fhirAuthorization', { ...valid, fhirAuthorization: 'token' }, 'fhirAuthorization'],
    ['missing access_token', { ...valid, fhirAuthorization: { token_type: 'Bearer' } }, 'fhirAuthorization.access_token'],
    ['numeric access_token', { ...valid, fhirAuthorization: { access_token: 42 } }, 'fhirAuthorization.access_token'],
    ['string expires_in', { ...valid, fhirAuthorization: { access_token: 't', expires_in: '300' } }, 'fhirAuthorization.expires_in'],
    ['array prefetch', { ...valid, prefetch: [] }, 'prefetch'],
    ['a prefetch value that is not a resource', { ...valid, prefetch: { patient: '123' } }, 'prefetch.patient'],
  ])('rejects %s, naming the field', (_name, body, field) => {
    expect(problemOf(body)?.field).toBe(field);
  });

  it('never quotes the access token in a problem', () => {
    const problem = problemOf({ ...valid, fhirAuthorization: { access_token: ['secret-abc'] } });
    expect(JSON.stringify(problem)).not.toContain('secret-abc');
  });

  it('does not check prefetch keys the service did not ask for', () => {
    expect(validateHookRequest({ ...valid, prefetch: { other: 'whatever' } }, definition).ok).toBe(true);
  });
});

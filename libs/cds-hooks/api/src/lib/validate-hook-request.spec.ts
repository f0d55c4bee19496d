import type { CdsServiceDefinition } from '@pcb-cds/cds-hooks-model';
import { readSpecJson } from '../testing';
import { validateHookRequest } from './validate-hook-request';

const definition: CdsServiceDefinition = {
  id: 'echo-service',
  hook: 'patient-view',
  description: 'echo',
  prefetch: { patient: 'Patient/{{context.patientId}}' },
};
const valid = readSpecJson<Record<string, unknown>>('cds-hooks-spec/spec-2.0.1-examples/request-patient-view.json');

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

  it('accepts FHIR ids at the edges of the grammar, and order-hook contexts with references and draft orders', () => {
    const draftOrders = {
      resourceType: 'Bundle',
      entry: [{ resource: { resourceType: 'ServiceRequest', id: 'draft-1.2' } }, { resource: { resourceType: 'ServiceRequest' } }],
    };
    for (const context of [
      { patientId: 'a'.repeat(64), encounterId: 'E-1.x', userId: 'PractitionerRole/A-1' },
      { patientId: '1288992', userId: 'Practitioner/example', selections: ['ServiceRequest/draft-1.2'], draftOrders },
    ]) {
      expect(validateHookRequest({ ...valid, context }, definition).ok).toBe(true);
    }
  });

  it.each([
    'fixtures__hooks-patients__R4__missing_prefetch_keys_invocation.json',
    'fixtures__hooks-patients__R4__null_prefetch_values_invocation.json',
  ])('accepts the AHRQ vector %s', (file) => {
    const body = readSpecJson(`cds-hooks-spec/test-vectors/ahrq-cql-services/${file}`);
    expect(validateHookRequest(body, definition).ok).toBe(true);
  });

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
    ['a context.patientId with a lone surrogate', { ...valid, context: { patientId: '\udfff' } }, 'context.patientId'],
    ['a context.patientId with a slash (not a FHIR id)', { ...valid, context: { patientId: 'Patient/1' } }, 'context.patientId'],
    ['a context.patientId with a space', { ...valid, context: { patientId: 'a b' } }, 'context.patientId'],
    ['a context.patientId of 65 characters', { ...valid, context: { patientId: 'a'.repeat(65) } }, 'context.patientId'],
    ['a context.patientId with a query character', { ...valid, context: { patientId: '1?_count=1' } }, 'context.patientId'],
    ['a context.encounterId that is not an id', { ...valid, context: { patientId: '1', encounterId: 'x\udfff' } }, 'context.encounterId'],
    ['a context.userId without its type', { ...valid, context: { patientId: '1', userId: '123' } }, 'context.userId'],
    ['a context.userId with a lone surrogate', { ...valid, context: { patientId: '1', userId: 'Practitioner/\ud800' } }, 'context.userId'],
    ['context.selections not an array', { ...valid, context: { patientId: '1', selections: 'ServiceRequest/1' } }, 'context.selections'],
    [
      'a selection that is not a reference',
      { ...valid, context: { patientId: '1', selections: ['ServiceRequest/1', 'x\udfff'] } },
      'context.selections[1]',
    ],
    [
      'a draft order id that is not an id',
      {
        ...valid,
        context: {
          patientId: '1',
          draftOrders: { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'ServiceRequest', id: 'a\udfffb' } }] },
        },
      },
      'context.draftOrders.entry[0].resource.id',
    ],
    ['fhirAuthorization without fhirServer (cds-r-1)', { ...valid, fhirServer: undefined }, 'fhirServer'],
    ['relative fhirServer', { ...valid, fhirServer: '/fhir' }, 'fhirServer'],
    ['non-http fhirServer', { ...valid, fhirServer: 'file:///etc/passwd' }, 'fhirServer'],
    ['non-object fhirAuthorization', { ...valid, fhirAuthorization: 'token' }, 'fhirAuthorization'],
    ['missing access_token', { ...valid, fhirAuthorization: { token_type: 'Bearer' } }, 'fhirAuthorization.access_token'],
    ['numeric access_token', { ...valid, fhirAuthorization: { access_token: 42 } }, 'fhirAuthorization.access_token'],
    ['string expires_in', { ...valid, fhirAuthorization: { access_token: 't', expires_in: '300' } }, 'fhirAuthorization.expires_in'],
    ['fhirServer with userinfo', { ...valid, fhirServer: 'http://allowed.example@evil.example/fhir' }, 'fhirServer'],
    ['fhirServer with a query', { ...valid, fhirServer: 'https://ehr.example.org/fhir?x=1' }, 'fhirServer'],
    ['fhirServer with a fragment', { ...valid, fhirServer: 'https://ehr.example.org/fhir#x' }, 'fhirServer'],
    ['fhirServer with a backslash', { ...valid, fhirServer: 'https://evil.example\\@ehr.example.org/fhir' }, 'fhirServer'],
    ['fhirServer with a newline', { ...valid, fhirServer: 'https://ehr.example.org/fhir\n' }, 'fhirServer'],
    ['non-string fhirServer', { ...valid, fhirServer: { url: 'https://ehr.example.org/fhir' } }, 'fhirServer'],
    [
      'an access_token with a line break',
      { ...valid, fhirAuthorization: { access_token: 'abc\r\nX-Injected: 1' } },
      'fhirAuthorization.access_token',
    ],
    ['an access_token with a space', { ...valid, fhirAuthorization: { access_token: 'abc def' } }, 'fhirAuthorization.access_token'],
    ['array prefetch', { ...valid, prefetch: [] }, 'prefetch'],
    ['null prefetch', { ...valid, prefetch: null }, 'prefetch'],
    ['string prefetch', { ...valid, prefetch: 'Patient/1' }, 'prefetch'],
    ['a prefetch value that is not a resource', { ...valid, prefetch: { patient: '123' } }, 'prefetch.patient'],
    ['a prefetch value that is an array', { ...valid, prefetch: { patient: [{ resourceType: 'Patient' }] } }, 'prefetch.patient'],
    ['a prefetch value without resourceType', { ...valid, prefetch: { patient: { id: '1' } } }, 'prefetch.patient'],
    ['a prefetch value of a key the service did not ask for that is a number', { ...valid, prefetch: { other: 42 } }, 'prefetch.other'],
    [
      'a prefetch value of a key the service did not ask for that is a string',
      { ...valid, prefetch: { other: 'whatever' } },
      'prefetch.other',
    ],
  ])('rejects %s, naming the field', (_name, body, field) => {
    expect(problemOf(body)?.field).toBe(field);
  });

  it('never quotes the access token in a problem', () => {
    const problem = problemOf({ ...valid, fhirAuthorization: { access_token: ['secret-abc'] } });
    expect(JSON.stringify(problem)).not.toContain('secret-abc');
  });

  it('accepts resources and null for prefetch keys the service did not ask for (passed through untouched)', () => {
    expect(validateHookRequest({ ...valid, prefetch: { other: { resourceType: 'Basic' }, none: null } }, definition).ok).toBe(true);
  });

  it('never quotes a malformed access token in a problem', () => {
    const problem = problemOf({ ...valid, fhirAuthorization: { access_token: 'secret-abc with space' } });
    expect(JSON.stringify(problem)).not.toContain('secret-abc');
  });
});

import { buildCapabilityStatement } from './capability-statement';
import { ensureFhirDefinitions } from './fhir-definitions';

describe('buildCapabilityStatement', () => {
  beforeAll(() => ensureFhirDefinitions());

  it('describes an R4 JSON server with every concrete resource type', () => {
    const statement = buildCapabilityStatement('http://127.0.0.1:1/fhir', new Date('2024-01-02T03:04:05Z'));
    expect(statement).toMatchObject({
      resourceType: 'CapabilityStatement',
      status: 'active',
      kind: 'instance',
      fhirVersion: '4.0.1',
      date: '2024-01-02T03:04:05.000Z',
      implementation: { url: 'http://127.0.0.1:1/fhir' },
    });
    expect(statement.format).toContain('application/fhir+json');
    const [rest] = statement.rest ?? [];
    expect(rest.mode).toBe('server');
    const types = rest.resource?.map((r) => r.type) ?? [];
    expect(types.length).toBeGreaterThanOrEqual(145);
    expect(types).toContain('Patient');
    expect(types).not.toContain('Resource');
    const patient = rest.resource?.find((r) => r.type === 'Patient');
    expect(patient?.interaction?.map((i) => i.code)).toEqual(
      expect.arrayContaining(['read', 'vread', 'create', 'update', 'delete', 'search-type']),
    );
  });
});

import request from 'supertest';
import type { Bundle, Observation, Patient } from 'fhir/r4';
import type { CdsHooksTestApp } from '@pcb-cds/cds-hooks-api/testing';
import { createCdsHooksTestApp, RecordingCdsService } from '@pcb-cds/cds-hooks-api/testing';
import type { SeededPatient } from './hapi-fhir';
import { fhirCall, hapiBaseUrl, matches, seedPatient } from './hapi-fhir';

jest.setTimeout(120_000);

/**
 * The protocol layer's prefetch resolution (libs/cds-hooks/api) with HAPI as the hook's `fhirServer`: keys the
 * EHR left out are fetched from HAPI, paged values are completed on HAPI, HAPI's refusals become 412s.
 */
const OBSERVATIONS = 5;
const service = new RecordingCdsService({
  prefetch: {
    patient: 'Patient/{{context.patientId}}',
    // _count=2 makes HAPI page: resolution must follow HAPI's next links to get all of them.
    observations: 'Observation?patient={{context.patientId}}&_count=2',
    medications: 'MedicationRequest?patient={{context.patientId}}&status=active&_include=MedicationRequest:medication',
  },
});
let testApp: CdsHooksTestApp;
let seeded: SeededPatient;

const hook = (patientId: string, extra: Record<string, unknown> = {}) =>
  request(testApp.server)
    .post('/cds-services/recording-service')
    .set('Content-Type', 'application/json')
    .send({ hook: 'patient-view', hookInstance: 'hapi-prefetch', fhirServer: hapiBaseUrl(), context: { patientId }, ...extra });

beforeAll(async () => {
  seeded = await seedPatient('hapi-prefetch', OBSERVATIONS);
  testApp = await createCdsHooksTestApp({
    services: [service],
    prefetchTimeoutMs: 30_000,
    hookDeadlineMs: 60_000,
    fhirServerAllowlist: [hapiBaseUrl()],
    rateLimit: false,
  });
});
afterAll(() => testApp?.close());
beforeEach(() => {
  service.received.length = 0;
});

describe('prefetch resolution with HAPI as fhirServer', () => {
  it('without prefetch: every key fetched from HAPI, searches complete across pages, _include kept', async () => {
    const res = await hook(seeded.patientId);
    expect(res.status).toBe(200);
    const { prefetch } = service.received[0];
    expect((prefetch['patient'] as unknown as Patient).id).toBe(seeded.patientId);
    expect(
      matches<Observation>(prefetch['observations'] as unknown as Bundle)
        .map((o) => o.id)
        .sort(),
    ).toEqual([...seeded.observationIds].sort());
    const medications = prefetch['medications'] as unknown as Bundle;
    expect(matches(medications)).toHaveLength(1);
    expect(medications.entry?.filter((e) => e.search?.mode === 'include').map((e) => e.resource?.id)).toEqual([seeded.medicationId]);
  });

  it('with some keys prefetched: only the missing ones come from HAPI, the given ones are kept as given', async () => {
    const patient: Patient = { resourceType: 'Patient', id: seeded.patientId, gender: 'unknown' };
    const res = await hook(seeded.patientId, { prefetch: { patient } });
    expect(res.status).toBe(200);
    expect(service.received[0].prefetch['patient']).toEqual(patient);
    expect(matches(service.received[0].prefetch['observations'] as unknown as Bundle)).toHaveLength(OBSERVATIONS);
  });

  it("with a paged prefetch value (HAPI's first page and its next link): completed on HAPI", async () => {
    const first = await fhirCall<Bundle>('GET', `Observation?patient=${seeded.patientId}&_count=2`);
    expect(first.body.link?.some((l) => l.relation === 'next')).toBe(true);
    const res = await hook(seeded.patientId, { prefetch: { observations: first.body } });
    expect(res.status).toBe(200);
    expect(matches(service.received[0].prefetch['observations'] as unknown as Bundle)).toHaveLength(OBSERVATIONS);
  });

  it('for a patient HAPI does not have: the read is null (HAPI 404), the searches empty, 200', async () => {
    const res = await hook(`${seeded.patientId}-nobody`);
    expect(res.status).toBe(200);
    const { prefetch } = service.received[0];
    expect(prefetch['patient']).toBeNull();
    expect(matches(prefetch['observations'] as unknown as Bundle)).toEqual([]);
  });

  it('a template HAPI refuses (400 OperationOutcome for an unknown parameter) → 412 OperationOutcome naming the key', async () => {
    const strict = new RecordingCdsService({
      id: 'strict',
      prefetch: { conditions: 'Condition?patient={{context.patientId}}&not-a-parameter=1' },
    });
    const app = await createCdsHooksTestApp({
      services: [strict],
      prefetchTimeoutMs: 30_000,
      hookDeadlineMs: 60_000,
      fhirServerAllowlist: [hapiBaseUrl()],
      rateLimit: false,
    });
    try {
      const res = await request(app.server)
        .post('/cds-services/strict')
        .set('Content-Type', 'application/json')
        .send({ hook: 'patient-view', hookInstance: 'strict', fhirServer: hapiBaseUrl(), context: { patientId: seeded.patientId } });
      expect(res.status).toBe(412);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(res.body.issue[0].details.text).toContain("'conditions'");
      expect(res.body.issue[0].details.text).toMatch(/HTTP 400/);
      expect(strict.received).toHaveLength(0);
    } finally {
      await app.close();
    }
  });
});

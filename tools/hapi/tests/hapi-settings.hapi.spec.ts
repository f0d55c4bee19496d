import type { Bundle, Observation, OperationOutcome } from 'fhir/r4';
import { allDemoBundles } from '@pcb-cds/postcoital-bleeding-demo-patients';
import type { SeededPatient } from './hapi-fhir';
import { fhirCall, hapiBaseUrl, matches, RUN_ID, seedPatient } from './hapi-fhir';

jest.setTimeout(120_000);

/**
 * Where HAPI behaves unlike the embedded sandbox, and the setting or product rule that copes with it
 * (README "Using HAPI or any FHIR server"). Each fails if the setting is lost or the rule is broken.
 */
let seeded: SeededPatient;

beforeAll(async () => {
  seeded = await seedPatient('hapi-settings', 2);
});

describe('HAPI as the product needs it', () => {
  it('a search repeated right after a write sees the write (reuse_cached_search_results_millis = 0)', async () => {
    const search = `Observation?patient=${seeded.patientId}&_count=50`;
    expect(matches((await fhirCall<Bundle>('GET', search)).body)).toHaveLength(2);
    const id = `${seeded.patientId}-late`;
    const late: Observation = {
      resourceType: 'Observation',
      id,
      status: 'final',
      code: { text: 'late' },
      subject: { reference: `Patient/${seeded.patientId}` },
    };
    expect((await fhirCall('PUT', `Observation/${id}`, late)).status).toBe(201);
    expect(matches((await fhirCall<Bundle>('GET', search)).body)).toHaveLength(3);
  });

  it('refuses a resource whose Patient it does not have (the sandbox stores it): each demo bundle carries its Patient', async () => {
    const orphan: Observation = {
      resourceType: 'Observation',
      id: `orphan-${RUN_ID}`,
      status: 'final',
      code: { text: 'x' },
      subject: { reference: `Patient/nobody-${RUN_ID}` },
    };
    const { status, body } = await fhirCall<OperationOutcome>('PUT', `Observation/orphan-${RUN_ID}`, orphan);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(body.resourceType).toBe('OperationOutcome');

    for (const bundle of allDemoBundles(new Date())) {
      const patients = new Set(
        (bundle.entry ?? []).filter((e) => e.resource?.resourceType === 'Patient').map((e) => `Patient/${e.resource?.id}`),
      );
      const subjects = (bundle.entry ?? [])
        .map((e) => (e.resource as { subject?: { reference?: string } } | undefined)?.subject?.reference)
        .filter((r): r is string => !!r);
      expect(subjects.filter((s) => !patients.has(s))).toEqual([]);
    }
  });

  it('refuses an all-digit client-assigned id (HAPI ALPHANUMERIC; the sandbox stores it): no demo or vignette id is all digits', async () => {
    const digits = String(Date.now());
    const { status } = await fhirCall('PUT', `Patient/${digits}`, { resourceType: 'Patient', id: digits });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    const ids = allDemoBundles(new Date()).flatMap((b) => (b.entry ?? []).map((e) => e.resource?.id ?? ''));
    expect(ids.filter((id) => /^\d+$/.test(id))).toEqual([]);
  });

  it('answers a browser preflight from another origin (the card viewer writes accepted orders to it)', async () => {
    const res = await fetch(`${hapiBaseUrl()}/ServiceRequest`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:1', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toMatch(/^(\*|http:\/\/127\.0\.0\.1:1)$/);
    expect(res.headers.get('access-control-allow-methods') ?? '').toContain('POST');
  });
});

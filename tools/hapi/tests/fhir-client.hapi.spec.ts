import type { Bundle, Medication, Observation, OperationOutcome, Patient } from 'fhir/r4';
import { FhirRestClient, isFhirRequestError } from '@pcb-cds/fhir-client';
import type { FhirRequestError } from '@pcb-cds/fhir-client';
import type { SeededPatient } from './hapi-fhir';
import { fhirCall, hapiBaseUrl, matches, seedPatient } from './hapi-fhir';

jest.setTimeout(120_000);

/** The product's FHIR client (libs/fhir/client) against a real HAPI server: what its stub-server specs assume. */
const OBSERVATIONS = 7;
let seeded: SeededPatient;
let client: FhirRestClient;

async function failure(promise: Promise<unknown>): Promise<FhirRequestError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!isFhirRequestError(outcome)) {
    throw new Error(`expected a FhirRequestError, got ${String(outcome)}`);
  }
  return outcome;
}

beforeAll(async () => {
  seeded = await seedPatient('hapi-client', OBSERVATIONS);
  client = new FhirRestClient({ baseUrl: hapiBaseUrl(), timeoutMs: 60_000 });
});

describe('FhirRestClient against HAPI', () => {
  it('reads a resource by id', async () => {
    const patient = (await client.get(`Patient/${seeded.patientId}`)) as unknown as Patient;
    expect(patient).toMatchObject({ resourceType: 'Patient', id: seeded.patientId });
  });

  it('answers null (no data) for a read of a missing id (HAPI: 404 OperationOutcome)', async () => {
    await expect(client.get(`Patient/${seeded.patientId}-missing`)).resolves.toBeNull();
  });

  it("follows HAPI's paging links (_getpages on the base URL) and returns every match as one Bundle", async () => {
    const bundle = (await client.get(`Observation?patient=${seeded.patientId}&_count=3`)) as unknown as Bundle;
    expect(bundle.type).toBe('searchset');
    expect(
      matches<Observation>(bundle)
        .map((o) => o.id)
        .sort(),
    ).toEqual([...seeded.observationIds].sort());
    expect(bundle.link?.some((l) => l.relation === 'next')).toBe(false);
  });

  it('keeps the order _sort asks for across pages', async () => {
    const bundle = (await client.get(`Observation?patient=${seeded.patientId}&_sort=-date&_count=2`)) as unknown as Bundle;
    expect(matches<Observation>(bundle).map((o) => o.id)).toEqual([...seeded.observationIds].reverse());
  });

  it('completes a first page obtained elsewhere (a paged prefetch value) by following its next links on HAPI', async () => {
    const first = await fhirCall<Bundle>('GET', `Observation?patient=${seeded.patientId}&_count=2`);
    expect(first.body.link?.some((l) => l.relation === 'next')).toBe(true);
    const completed = await client.completeSearchBundle(first.body);
    expect(matches<Observation>(completed)).toHaveLength(OBSERVATIONS);
  });

  it('returns _include-d resources with search.mode include beside the matches', async () => {
    const bundle = (await client.get(
      `MedicationRequest?patient=${seeded.patientId}&_include=MedicationRequest:medication`,
    )) as unknown as Bundle;
    expect(matches(bundle)).toHaveLength(1);
    const included = (bundle.entry ?? []).filter((e) => e.search?.mode === 'include').map((e) => e.resource as Medication);
    expect(included.map((m) => `${m.resourceType}/${m.id}`)).toEqual([`Medication/${seeded.medicationId}`]);
  });

  it('answers an empty searchset (not null) for a search without matches', async () => {
    const bundle = (await client.get(`Condition?patient=${seeded.patientId}-nobody`)) as unknown as Bundle;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(matches(bundle)).toEqual([]);
  });

  describe('errors', () => {
    it.each([
      ['an unknown search parameter', 'Observation?patient=x&not-a-parameter=1'],
      ['a malformed date', 'Observation?patient=x&date=notadate'],
    ])('%s: HAPI answers 400 with an OperationOutcome; the client fails with kind http and keeps the outcome', async (_name, url) => {
      const error = await failure(client.get(url));
      expect(error.kind).toBe('http');
      expect(error.status).toBe(400);
      expect((error.outcome as OperationOutcome | undefined)?.resourceType).toBe('OperationOutcome');
    });

    it('a search of an unknown resource type is an http failure (4xx), not "no data"', async () => {
      const error = await failure(client.get('NotAResourceType?patient=x'));
      expect(error.kind).toBe('http');
      expect(error.status).toBeGreaterThanOrEqual(400);
      expect(error.status).toBeLessThan(500);
    });

    it('a paging link whose search HAPI no longer knows is an http failure (4xx), never a truncated search', async () => {
      const first = await fhirCall<Bundle>('GET', `Observation?patient=${seeded.patientId}&_count=2`);
      const next = first.body.link?.find((l) => l.relation === 'next')?.url ?? '';
      const stale = new URL(next);
      stale.searchParams.set('_getpages', '00000000-0000-4000-8000-000000000000');
      const bundle: Bundle = { ...first.body, link: [{ relation: 'next', url: stale.href }] };
      const error = await failure(client.completeSearchBundle(bundle));
      expect(error.kind).toBe('http');
      expect(error.status).toBeGreaterThanOrEqual(400);
      expect(error.status).toBeLessThan(500);
    });

    it('a deadline that passes before HAPI answers fails as timeout', async () => {
      const hasty = new FhirRestClient({ baseUrl: hapiBaseUrl(), timeoutMs: 1 });
      await expect(failure(hasty.get(`Observation?patient=${seeded.patientId}&_count=2`))).resolves.toMatchObject({ kind: 'timeout' });
    });
  });
});

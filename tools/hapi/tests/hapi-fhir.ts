import { randomUUID } from 'node:crypto';
import type { Bundle, FhirResource } from 'fhir/r4';

/**
 * The HAPI FHIR server under test: HAPI_FHIR_URL, set by tools/hapi/run-hapi-tests.mjs (which starts
 * tools/hapi-fhir-server) or by the developer (e.g. `docker compose up fhir`).
 */
export function hapiBaseUrl(): string {
  const url = process.env['HAPI_FHIR_URL'];
  if (!url) {
    throw new Error('HAPI_FHIR_URL is not set: run these tests with `npm run test:hapi`');
  }
  return url.replace(/\/+$/, '');
}

/** Ids for this run's own resources: HAPI keeps data between runs, so a test never assumes an empty server. */
export const RUN_ID = randomUUID().slice(0, 8);

export interface FhirAnswer<T = unknown> {
  status: number;
  body: T;
}

/** One HTTP call to HAPI with FHIR JSON both ways. */
export async function fhirCall<T = unknown>(method: string, path: string, body?: unknown): Promise<FhirAnswer<T>> {
  const res = await fetch(`${hapiBaseUrl()}/${path.replace(/^\/+/, '')}`, {
    method,
    headers: { accept: 'application/fhir+json', ...(body === undefined ? {} : { 'content-type': 'application/fhir+json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** POSTs a transaction Bundle; fails the test with HAPI's OperationOutcome when HAPI refuses it. */
export async function loadBundle(bundle: Bundle<FhirResource>): Promise<Bundle> {
  const { status, body } = await fhirCall<Bundle>('POST', '', bundle);
  if (status !== 200) {
    throw new Error(`HAPI refused a transaction (HTTP ${status}): ${JSON.stringify(body).slice(0, 800)}`);
  }
  return body;
}

/** Resources of a search Bundle that matched (not `_include`d ones). */
export function matches<T extends FhirResource>(bundle: Bundle): T[] {
  return (bundle.entry ?? []).filter((e) => (e.search?.mode ?? 'match') === 'match').map((e) => e.resource as T);
}

export interface SeededPatient {
  patientId: string;
  observationIds: string[];
  medicationId: string;
}

/**
 * One patient of this run with `observations` heart-rate Observations (one a day, UTC), an active
 * MedicationRequest whose medication is a separate Medication resource (for `_include`), and one Condition.
 * Ids are this run's own; every entry is a PUT, in one transaction (HAPI checks references on write).
 */
export async function seedPatient(label: string, observations: number): Promise<SeededPatient> {
  const patientId = `${label}-${RUN_ID}`;
  const medicationId = `${patientId}-med`;
  const observationIds = Array.from({ length: observations }, (_, i) => `${patientId}-obs-${i + 1}`);
  const subject = { reference: `Patient/${patientId}` };
  const resources: FhirResource[] = [
    { resourceType: 'Patient', id: patientId, gender: 'female', birthDate: '1990-01-01' },
    ...observationIds.map(
      (id, i): FhirResource => ({
        resourceType: 'Observation',
        id,
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
        subject,
        effectiveDateTime: new Date(Date.UTC(2026, 0, 1 + i, 9)).toISOString().replace('.000', ''),
        valueQuantity: { value: 60 + i, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
      }),
    ),
    {
      resourceType: 'Medication',
      id: medicationId,
      code: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '1364430' }] },
    },
    {
      resourceType: 'MedicationRequest',
      id: `${patientId}-medreq`,
      status: 'active',
      intent: 'order',
      subject,
      medicationReference: { reference: `Medication/${medicationId}` },
    },
    {
      resourceType: 'Condition',
      id: `${patientId}-cond`,
      subject,
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'N93.0' }] },
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    },
  ];
  await loadBundle({
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map((resource) => ({
      fullUrl: `${resource.resourceType}/${resource.id}`,
      resource,
      request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` },
    })),
  });
  return { patientId, observationIds, medicationId };
}

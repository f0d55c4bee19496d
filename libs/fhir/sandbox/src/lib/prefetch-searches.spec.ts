import type { WithId } from '@medplum/core';
import { parseSearchRequest } from '@medplum/core';
import type { Bundle, Encounter, Resource } from '@medplum/fhirtypes';
import { ensureFhirDefinitions } from './fhir-definitions';
import { SandboxRepository } from './sandbox-repository';

const BASE = 'http://127.0.0.1:9999/fhir';
const subject = { reference: 'Patient/p1' };
const ids = (bundle: Bundle): string[] => (bundle.entry ?? []).map((e) => `${e.resource?.resourceType}/${e.resource?.id}`).sort();

/** The searches the postcoital-bleeding prefetch makes for revision 2's facts answer in the sandbox. */
describe('revision-2 prefetch searches', () => {
  let repo: SandboxRepository;

  beforeAll(() => ensureFhirDefinitions());

  beforeEach(async () => {
    repo = new SandboxRepository({ baseUrl: BASE });
    const create = <T extends Resource>(r: T): Promise<WithId<T>> => repo.createResource<T>(r);
    await create({ resourceType: 'Patient', id: 'p1', gender: 'female' });
    await create({ resourceType: 'Patient', id: 'p2', gender: 'female' });
    await create({
      resourceType: 'Observation',
      id: 'o1',
      status: 'final',
      subject,
      code: { coding: [{ system: 'urn:local', code: 'PAP' }] },
      valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '416033009' }] },
    });
    await create({
      resourceType: 'DiagnosticReport',
      id: 'd1',
      status: 'final',
      subject,
      code: { coding: [{ system: 'http://loinc.org', code: '47528-5' }] },
      effectiveDateTime: '2026-08-03',
      result: [{ reference: 'Observation/o1' }],
    });
    await create({
      resourceType: 'EpisodeOfCare',
      id: 'e1',
      status: 'active',
      patient: subject,
      type: [{ coding: [{ system: 'http://snomed.info/sct', code: '424525001' }] }],
      period: { start: '2026-09-01' },
    });
    await create({
      resourceType: 'EpisodeOfCare',
      id: 'e2',
      status: 'finished',
      patient: subject,
      type: [{ coding: [{ system: 'http://snomed.info/sct', code: '424525001' }] }],
      period: { start: '2025-01-01' },
    });
    await create({
      resourceType: 'MedicationAdministration',
      id: 'ma1',
      status: 'completed',
      subject,
      effectiveDateTime: '2026-05-01',
      medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '1119399' }] },
    });
    await create({
      resourceType: 'MedicationAdministration',
      id: 'ma2',
      status: 'completed',
      subject: { reference: 'Patient/p2' },
      effectiveDateTime: '2026-05-01',
      medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '1119399' }] },
    });
    await create({
      resourceType: 'MedicationRequest',
      id: 'mr1',
      status: 'completed',
      intent: 'order',
      subject,
      authoredOn: '2026-05-01',
      medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '1153039' }] },
    });
    await create({
      resourceType: 'Encounter',
      id: 'enc1',
      status: 'in-progress',
      subject,
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'EMER' },
    });
  });

  it('DiagnosticReport with _include=DiagnosticReport:result brings the linked Observation', async () => {
    const bundle = await repo.search(parseSearchRequest('DiagnosticReport?patient=p1&_include=DiagnosticReport:result'));
    expect(ids(bundle)).toEqual(['DiagnosticReport/d1', 'Observation/o1']);
    expect(bundle.entry?.find((e) => e.resource?.resourceType === 'Observation')?.search?.mode).toBe('include');
  });

  it('EpisodeOfCare by patient, status and type', async () => {
    const bundle = await repo.search(
      parseSearchRequest('EpisodeOfCare?patient=p1&status=active&type=http%3A%2F%2Fsnomed.info%2Fsct%7C424525001'),
    );
    expect(ids(bundle)).toEqual(['EpisodeOfCare/e1']);
  });

  it('MedicationAdministration by patient and status', async () => {
    const bundle = await repo.search(parseSearchRequest('MedicationAdministration?patient=p1&status=completed,in-progress'));
    expect(ids(bundle)).toEqual(['MedicationAdministration/ma1']);
  });

  it('MedicationRequest with completed as well as active', async () => {
    const bundle = await repo.search(parseSearchRequest('MedicationRequest?patient=p1&status=active,completed'));
    expect(ids(bundle)).toEqual(['MedicationRequest/mr1']);
  });

  it('the hook Encounter by id', async () => {
    const encounter = await repo.readResource<Encounter>('Encounter', 'enc1');
    expect(encounter.class?.code).toBe('EMER');
  });
});

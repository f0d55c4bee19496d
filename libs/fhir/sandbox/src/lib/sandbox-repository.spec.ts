import type { OperationOutcomeError, WithId } from '@medplum/core';
import { getStatus, parseSearchRequest } from '@medplum/core';
import type { Observation, Patient, Resource } from '@medplum/fhirtypes';
import { ensureFhirDefinitions } from './fhir-definitions';
import { SandboxRepository } from './sandbox-repository';

const BASE = 'http://127.0.0.1:9999/fhir';

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (err) {
    return getStatus((err as OperationOutcomeError).outcome);
  }
}

describe('SandboxRepository', () => {
  let repo: SandboxRepository;
  let patient: WithId<Patient>;

  beforeAll(() => ensureFhirDefinitions());

  beforeEach(async () => {
    repo = new SandboxRepository({ baseUrl: BASE });
    patient = await repo.createResource<Patient>({
      resourceType: 'Patient',
      id: 'p1',
      gender: 'female',
    });
    for (const year of [2019, 2021, 2023]) {
      await repo.createResource<Observation>({
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '82810-3' }] },
        subject: { reference: 'Patient/p1' },
        effectiveDateTime: `${year}-01-01T00:00:00Z`,
      });
    }
  });

  it('answers searches with fullUrl, search.mode, total and links', async () => {
    const bundle = await repo.search(parseSearchRequest('Observation?patient=p1&_sort=-date&_count=2'));
    expect(bundle.total).toBe(3);
    expect(bundle.entry).toHaveLength(2);
    expect(bundle.entry?.[0].fullUrl).toBe(`${BASE}/Observation/${bundle.entry?.[0].resource?.id}`);
    expect(bundle.entry?.every((e) => e.search?.mode === 'match')).toBe(true);
    expect(bundle.link?.map((l) => l.relation)).toEqual(['self', 'next']);
  });

  it('subsets matches for _elements and marks them SUBSETTED', async () => {
    const bundle = await repo.search(parseSearchRequest('Patient?_id=p1&_elements=gender'));
    const [match] = JSON.parse(JSON.stringify(bundle.entry)) as {
      resource: Patient;
    }[];
    expect(match.resource.gender).toBe('female');
    expect(match.resource.meta?.tag?.map((t) => t.code)).toContain('SUBSETTED');
  });

  it('keeps its internal searches working (conditional create finds the existing resource)', async () => {
    const { resource } = await repo.conditionalCreate({ resourceType: 'Patient' }, parseSearchRequest<Patient>('Patient?_id=p1'));
    expect(resource.id).toBe('p1');
  });

  it('refuses to store an unknown resource type', async () => {
    expect(await statusOf(repo.createResource({ resourceType: 'Foo' } as unknown as Resource))).toBe(400);
  });

  describe('atomically', () => {
    it('undoes creates, updates and deletes made by work that throws', async () => {
      const failure = repo.atomically(async () => {
        await repo.createResource<Patient>({
          resourceType: 'Patient',
          id: 'new-one',
        });
        await repo.updateResource<Patient>({ ...patient, gender: 'male' });
        await repo.updateResource<Patient>({ ...patient, gender: 'other' });
        const [obs] = await repo.searchResources(parseSearchRequest('Observation?_count=1'));
        await repo.deleteResource('Observation', obs.id);
        throw new Error('boom');
      });
      await expect(failure).rejects.toThrow('boom');

      expect(await statusOf(repo.readResource('Patient', 'new-one'))).toBe(404);
      const restored = await repo.readResource<Patient>('Patient', 'p1');
      expect(restored.gender).toBe('female');
      expect(restored.meta?.versionId).toBe(patient.meta?.versionId);
      expect((await repo.search(parseSearchRequest('Observation'))).total).toBe(3);
    });

    it('keeps the writes of work that succeeds and returns its result', async () => {
      const result = await repo.atomically(async () => {
        await repo.updateResource<Patient>({ ...patient, gender: 'male' });
        return 'done';
      });
      expect(result).toBe('done');
      expect((await repo.readResource<Patient>('Patient', 'p1')).gender).toBe('male');
    });

    it('runs one unit of work at a time', async () => {
      const order: string[] = [];
      const slow = repo.atomically(async () => {
        order.push('a-start');
        await new Promise((resolve) => setImmediate(resolve));
        order.push('a-end');
        throw new Error('a failed');
      });
      const fast = repo.atomically(async () => {
        order.push('b');
      });
      await expect(slow).rejects.toThrow('a failed');
      await fast;
      expect(order).toEqual(['a-start', 'a-end', 'b']);
    });
  });

  describe('with validate', () => {
    it('refuses structurally invalid creates and updates with 400', async () => {
      const strict = new SandboxRepository({ baseUrl: BASE, validate: true });
      expect(
        await statusOf(
          strict.createResource<Patient>({
            resourceType: 'Patient',
            birthDate: 'x',
          }),
        ),
      ).toBe(400);
      const stored = await strict.createResource<Patient>({
        resourceType: 'Patient',
        birthDate: '2000-01-01',
      });
      expect(await statusOf(strict.updateResource<Patient>({ ...stored, birthDate: 'y' }))).toBe(400);
    });
  });
});

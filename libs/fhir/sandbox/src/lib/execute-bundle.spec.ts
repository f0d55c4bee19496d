import { getStatus, OperationOutcomeError } from '@medplum/core';
import { FhirRouter } from '@medplum/fhir-router';
import type { Bundle } from '@medplum/fhirtypes';
import { executeBundle } from './execute-bundle';
import { ensureFhirDefinitions } from './fhir-definitions';
import { SandboxRepository } from './sandbox-repository';

function bundle(type: 'batch' | 'transaction'): Bundle {
  return {
    resourceType: 'Bundle',
    type,
    entry: [
      {
        fullUrl: 'urn:uuid:7f2d4c1e-9a3b-4c5d-8e6f-0a1b2c3d4e5f',
        resource: {
          resourceType: 'Patient',
          identifier: [{ system: 'urn:t', value: type }],
        },
        request: { method: 'POST', url: 'Patient' },
      },
      {
        resource: {
          resourceType: 'Observation',
          status: 'final',
          code: { text: 'x' },
          subject: {
            reference: 'urn:uuid:7f2d4c1e-9a3b-4c5d-8e6f-0a1b2c3d4e5f',
          },
        },
        request: { method: 'POST', url: 'Observation' },
      },
      { request: { method: 'GET', url: 'Patient/does-not-exist' } },
    ],
  };
}

describe('executeBundle', () => {
  let repo: SandboxRepository;
  const router = new FhirRouter();

  beforeAll(() => ensureFhirDefinitions());
  beforeEach(() => {
    repo = new SandboxRepository({ baseUrl: 'http://127.0.0.1:1/fhir' });
  });

  async function patientsWith(value: string): Promise<number> {
    return (
      await repo.searchResources({
        resourceType: 'Patient',
        filters: [{ code: 'identifier', operator: 'eq', value: `urn:t|${value}` }],
      })
    ).length;
  }

  it('reports per-entry results of a batch and keeps what succeeded', async () => {
    const response = await executeBundle(router, repo, bundle('batch'));
    expect(response.type).toBe('batch-response');
    expect(response.entry?.map((e) => e.response?.status)).toEqual(['201', '201', '404']);
    const patientId = response.entry?.[0].resource?.id;
    expect((response.entry?.[1].resource as { subject?: { reference?: string } }).subject?.reference).toBe(`Patient/${patientId}`);
    expect(await patientsWith('batch')).toBe(1);
  });

  it('fails a transaction as a whole with the failing entry as OperationOutcome', async () => {
    const failure = await executeBundle(router, repo, bundle('transaction')).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(OperationOutcomeError);
    const outcome = (failure as OperationOutcomeError).outcome;
    expect(getStatus(outcome)).toBe(404);
    expect(outcome.issue?.[0].expression).toEqual(['Bundle.entry[2]']);
    expect(await patientsWith('transaction')).toBe(0);
  });

  it('has no 50-update cap on transactions', async () => {
    const entry = Array.from({ length: 60 }, (_, i) => ({
      resource: { resourceType: 'Patient' as const, id: `p${i}` },
      request: { method: 'PUT' as const, url: `Patient/p${i}` },
    }));
    const response = await executeBundle(router, repo, {
      resourceType: 'Bundle',
      type: 'transaction',
      entry,
    });
    expect(response.entry).toHaveLength(60);
  });

  it('refuses a Bundle that is neither batch nor transaction', async () => {
    const failure = await executeBundle(router, repo, {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [],
    }).catch((err: unknown) => err);
    expect(getStatus((failure as OperationOutcomeError).outcome)).toBe(400);
  });
});

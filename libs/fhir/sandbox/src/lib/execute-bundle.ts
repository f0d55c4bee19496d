import { badRequest, isOk, OperationOutcomeError } from '@medplum/core';
import type { FhirRequest, FhirRouter } from '@medplum/fhir-router';
import type { Bundle, OperationOutcome } from '@medplum/fhirtypes';
import type { SandboxRepository } from './sandbox-repository';

function batchRequest(bundle: Bundle): FhirRequest {
  // No `config.transactions`: medplum would then cap a transaction at 50 updates (and 8 entries
  // with conditional ones) and still not roll back. We run it as a batch and roll back ourselves.
  return {
    method: 'POST',
    url: '',
    pathname: '',
    body: bundle,
    params: {},
    query: {},
  };
}

function failedEntry(response: Bundle): { index: number; outcome: OperationOutcome } | undefined {
  const index = (response.entry ?? []).findIndex((e) => !/^2\d\d/.test(e.response?.status ?? ''));
  if (index < 0) {
    return undefined;
  }
  const entry = response.entry?.[index];
  const outcome = entry?.response?.outcome ?? badRequest(`Entry failed with status ${entry?.response?.status}`);
  return {
    index,
    outcome: {
      ...outcome,
      issue: outcome.issue?.map((issue) => ({
        ...issue,
        expression: issue.expression ?? [`Bundle.entry[${index}]`],
      })),
    },
  };
}

/**
 * Runs a batch or transaction Bundle through the router. A transaction is all-or-nothing: if any
 * entry fails, its writes are undone and the failing entry's OperationOutcome is thrown (as
 * medplum's OperationOutcomeError, whose status `getStatus` gives). `urn:uuid:` fullUrls are
 * rewritten to the assigned `Type/id` by medplum's batch processor.
 */
export async function executeBundle(router: FhirRouter, repo: SandboxRepository, input: Bundle): Promise<Bundle> {
  // The batch processor assigns ids by mutating entries; the caller's Bundle stays untouched.
  const bundle = structuredClone(input);
  const run = async (): Promise<Bundle> => {
    const [outcome, response] = await router.handleRequest(batchRequest(bundle), repo);
    if (!isOk(outcome) || response?.resourceType !== 'Bundle') {
      throw new OperationOutcomeError(outcome);
    }
    const failed = bundle.type === 'transaction' ? failedEntry(response) : undefined;
    if (failed) {
      throw new OperationOutcomeError(failed.outcome);
    }
    return response;
  };
  return bundle.type === 'transaction' ? repo.atomically(run) : run();
}

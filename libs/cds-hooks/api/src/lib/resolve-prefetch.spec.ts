import type { Bundle } from 'fhir/r4';
import type { FhirResourceJson, HookRequest } from '@pcb-cds/cds-hooks-model';
import { FhirRequestError } from '@pcb-cds/fhir-client';
import type { CreatePrefetchFetcher, PrefetchFetcher } from './prefetch-fetcher';
import { FhirServerAllowlist } from './fhir-server-allowlist';
import { PrefetchUnavailableError } from './prefetch-unavailable.error';
import { resolvePrefetch } from './resolve-prefetch';

const templates = { patient: 'Patient/{{context.patientId}}', conditions: 'Condition?patient={{context.patientId}}' };
const patient = { resourceType: 'Patient', id: '123' };
const conditions = { resourceType: 'Bundle', type: 'searchset', entry: [] };

function request(extra: Partial<HookRequest> = {}): HookRequest {
  return {
    hook: 'patient-view',
    hookInstance: 'h1',
    fhirServer: 'https://ehr.example.org/fhir',
    fhirAuthorization: { access_token: 'tok', token_type: 'Bearer', expires_in: 300, scope: 'x', subject: 's' },
    context: { patientId: '123' },
    ...extra,
  };
}

/** A fetcher answering from a table; records what it was asked and with which options. */
function fakeFetcher(answers: Record<string, () => Promise<FhirResourceJson | null>>) {
  const calls: string[] = [];
  const created: Array<Parameters<CreatePrefetchFetcher>[0]> = [];
  const fetcher: PrefetchFetcher = {
    get: (url) => {
      calls.push(url);
      const answer = answers[url];
      return answer ? answer() : Promise.reject(new Error(`unexpected ${url}`));
    },
    completeSearchBundle: async (bundle: Bundle) => {
      calls.push(`complete:${bundle.link?.find((l) => l.relation === 'next')?.url}`);
      return { ...bundle, link: [], entry: [...(bundle.entry ?? []), { resource: { resourceType: 'Condition', id: 'c2' } }] } as Bundle;
    },
  };
  const createFetcher: CreatePrefetchFetcher = (options) => {
    created.push(options);
    return fetcher;
  };
  return { calls, created, createFetcher };
}

async function rejection(promise: Promise<unknown>): Promise<PrefetchUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PrefetchUnavailableError);
  return error as PrefetchUnavailableError;
}

describe('resolvePrefetch', () => {
  it('uses sent values and creates no client when nothing is missing', async () => {
    const fake = fakeFetcher({});
    const result = await resolvePrefetch(request({ prefetch: { patient, conditions: null, extra: null } }), templates, {
      timeoutMs: 1000,
      createFetcher: fake.createFetcher,
    });
    expect(result).toEqual({ prefetch: { patient, conditions: null, extra: null }, unavailableKeys: [] });
    expect(fake.created).toHaveLength(0);
  });

  it('fetches every missing key with the access token, the fhirServer and one shared signal', async () => {
    const fake = fakeFetcher({ 'Patient/123': async () => patient, 'Condition?patient=123': async () => conditions });
    const result = await resolvePrefetch(request(), templates, { timeoutMs: 1000, createFetcher: fake.createFetcher });
    expect(result.prefetch).toEqual({ patient, conditions });
    expect(fake.calls.sort()).toEqual(['Condition?patient=123', 'Patient/123']);
    expect(fake.created).toEqual([
      expect.objectContaining({ baseUrl: 'https://ehr.example.org/fhir', accessToken: 'tok', timeoutMs: 1000 }),
    ]);
  });

  it('starts all fetches before any finishes (parallel)', async () => {
    let started = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const answer = (value: FhirResourceJson) => async () => {
      started += 1;
      if (started === 2) {
        release();
      }
      await gate;
      return value;
    };
    const fake = fakeFetcher({ 'Patient/123': answer(patient), 'Condition?patient=123': answer(conditions) });
    await expect(resolvePrefetch(request(), templates, { timeoutMs: 1000, createFetcher: fake.createFetcher })).resolves.toBeDefined();
  });

  it('a read answered "no data" becomes null', async () => {
    const fake = fakeFetcher({ 'Patient/123': async () => null });
    const result = await resolvePrefetch(request({ prefetch: { conditions } }), templates, {
      timeoutMs: 1000,
      createFetcher: fake.createFetcher,
    });
    expect(result.prefetch).toEqual({ patient: null, conditions });
  });

  it('fails with every missing key when there is no fhirServer', async () => {
    const fake = fakeFetcher({});
    const error = await rejection(
      resolvePrefetch(request({ fhirServer: undefined, fhirAuthorization: undefined }), templates, {
        timeoutMs: 1000,
        createFetcher: fake.createFetcher,
      }),
    );
    expect(error.keys).toEqual(['patient', 'conditions']);
    expect(error.failure).toEqual({ kind: 'no-fhir-server' });
    expect(error.toOperationOutcome().issue[0].details?.text).toContain("'patient', 'conditions'");
  });

  it('fetches without a token from an open server (fhirServer without fhirAuthorization)', async () => {
    const fake = fakeFetcher({ 'Patient/123': async () => patient });
    await resolvePrefetch(request({ fhirAuthorization: undefined, prefetch: { conditions: null } }), templates, {
      timeoutMs: 1000,
      createFetcher: fake.createFetcher,
    });
    expect(fake.created[0].accessToken).toBeUndefined();
  });

  it('fails naming the key whose fetch failed, and aborts the others', async () => {
    let otherSignal: AbortSignal | undefined;
    const fake = fakeFetcher({
      'Patient/123': () => Promise.reject(new FhirRequestError('http', 'HTTP 401', { status: 401 })),
      'Condition?patient=123': () =>
        new Promise((_resolve, reject) => otherSignal?.addEventListener('abort', () => reject(new FhirRequestError('timeout', 'aborted')))),
    });
    const createFetcher: CreatePrefetchFetcher = (options) => {
      otherSignal = options.signal;
      return fake.createFetcher(options);
    };
    const error = await rejection(resolvePrefetch(request(), templates, { timeoutMs: 60_000, createFetcher }));
    expect(error.keys).toEqual(['patient']);
    expect(error.failure).toEqual({ kind: 'http', status: 401 });
    expect(error.toOperationOutcome().issue[0].code).toBe('security');
    expect(otherSignal?.aborted).toBe(true);
  });

  it('aborts everything at the one overall deadline', async () => {
    let signal: AbortSignal | undefined;
    const hang = () =>
      new Promise<never>((_resolve, reject) => signal?.addEventListener('abort', () => reject(new FhirRequestError('timeout', 'aborted'))));
    const fake = fakeFetcher({ 'Patient/123': hang, 'Condition?patient=123': hang });
    const createFetcher: CreatePrefetchFetcher = (options) => {
      signal = options.signal;
      return fake.createFetcher(options);
    };
    const error = await rejection(resolvePrefetch(request(), templates, { timeoutMs: 50, createFetcher }));
    expect(error.failure.kind).toBe('timeout');
    expect(error.toOperationOutcome().issue[0].code).toBe('timeout');
  });

  it('treats an OperationOutcome answered by the server as a failure, not as data', async () => {
    const fake = fakeFetcher({ 'Patient/123': async () => ({ resourceType: 'OperationOutcome', issue: [] }) });
    const error = await rejection(
      resolvePrefetch(request({ prefetch: { conditions } }), templates, { timeoutMs: 1000, createFetcher: fake.createFetcher }),
    );
    expect(error.failure).toEqual({ kind: 'operation-outcome' });
  });

  it('lets a programming error through instead of disguising it as a 412', async () => {
    const fake = fakeFetcher({ 'Patient/123': () => Promise.reject(new TypeError('bad url')) });
    await expect(
      resolvePrefetch(request({ prefetch: { conditions } }), templates, { timeoutMs: 1000, createFetcher: fake.createFetcher }),
    ).rejects.toThrow(TypeError);
  });

  it('policy: an OperationOutcome sent by the client is null for the service, listed as unavailable, and not re-fetched', async () => {
    const fake = fakeFetcher({});
    const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'timeout' }] };
    const result = await resolvePrefetch(request({ prefetch: { patient, conditions: outcome } }), templates, {
      timeoutMs: 1000,
      createFetcher: fake.createFetcher,
    });
    expect(result).toEqual({ prefetch: { patient, conditions: null }, unavailableKeys: ['conditions'] });
    expect(fake.created).toHaveLength(0);
  });

  it('completes a paginated search Bundle sent by the client', async () => {
    const fake = fakeFetcher({});
    const page1 = {
      resourceType: 'Bundle',
      type: 'searchset',
      total: 2,
      link: [{ relation: 'next', url: 'https://ehr.example.org/fhir/Condition?page=2' }],
      entry: [{ resource: { resourceType: 'Condition', id: 'c1' } }],
    };
    const result = await resolvePrefetch(request({ prefetch: { patient, conditions: page1 } }), templates, {
      timeoutMs: 1000,
      createFetcher: fake.createFetcher,
    });
    expect(fake.calls).toEqual(['complete:https://ehr.example.org/fhir/Condition?page=2']);
    expect((result.prefetch['conditions'] as unknown as Bundle).entry?.map((e) => e.resource?.id)).toEqual(['c1', 'c2']);
  });

  it('a template the context cannot fill is null without any fetch', async () => {
    const fake = fakeFetcher({});
    const result = await resolvePrefetch(
      request({ prefetch: {} }),
      { encounter: 'Encounter/{{context.encounterId}}' },
      {
        timeoutMs: 1000,
        createFetcher: fake.createFetcher,
      },
    );
    expect(result.prefetch).toEqual({ encounter: null });
    expect(fake.created).toHaveLength(0);
  });

  describe('with a fhirServer allowlist', () => {
    const fhirServers = FhirServerAllowlist.of(['https://EHR.example.org/fhir/']);

    it('refuses a server not on it before creating any client', async () => {
      const fake = fakeFetcher({});
      const error = await rejection(
        resolvePrefetch(request({ fhirServer: 'https://evil.example.org/fhir', prefetch: { patient } }), templates, {
          timeoutMs: 1000,
          createFetcher: fake.createFetcher,
          fhirServers,
        }),
      );
      expect([error.keys, error.failure]).toEqual([['conditions'], { kind: 'fhir-server-not-allowed' }]);
      expect(error.toOperationOutcome().issue[0].details?.text).toContain('fhirServer is not an allowed FHIR server');
      expect(fake.created).toHaveLength(0);
    });

    it('fetches from an allowed server through its canonical base URL', async () => {
      const fake = fakeFetcher({ 'Condition?patient=123': async () => conditions });
      await resolvePrefetch(request({ fhirServer: 'https://ehr.EXAMPLE.org:443/fhir//', prefetch: { patient } }), templates, {
        timeoutMs: 1000,
        createFetcher: fake.createFetcher,
        fhirServers,
      });
      expect(fake.created.map((c) => c.baseUrl)).toEqual(['https://ehr.example.org/fhir']);
    });

    it('needs no allowed server when every key is prefetched', async () => {
      const fake = fakeFetcher({});
      const result = await resolvePrefetch(
        request({ fhirServer: 'https://evil.example.org/fhir', prefetch: { patient, conditions } }),
        templates,
        {
          timeoutMs: 1000,
          createFetcher: fake.createFetcher,
          fhirServers,
        },
      );
      expect(result.prefetch).toEqual({ patient, conditions });
      expect(fake.created).toHaveLength(0);
    });
  });

  it("aborts the fetches when the caller's own signal fires (the hook deadline)", async () => {
    const fake = fakeFetcher({
      // Like FhirRestClient: pending until its signal fires, then a timeout error.
      'Condition?patient=123': () =>
        new Promise((_resolve, reject) =>
          fake.created[0].signal.addEventListener('abort', () => reject(new FhirRequestError('timeout', 'aborted'))),
        ),
    });
    const caller = new AbortController();
    const pending = resolvePrefetch(request({ prefetch: { patient } }), templates, {
      timeoutMs: 60_000,
      createFetcher: fake.createFetcher,
      signal: caller.signal,
    });
    await Promise.resolve();
    expect(fake.created[0].signal.aborted).toBe(false);
    caller.abort();
    expect((await rejection(pending)).failure).toEqual({ kind: 'timeout' });
  });
});

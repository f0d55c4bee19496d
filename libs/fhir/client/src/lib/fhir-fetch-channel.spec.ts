import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { FhirRequestError } from './fhir-request-error';
import type { FhirFetchMessage } from './fhir-fetch-channel';
import { FHIR_FETCH_CHANNEL, observeFetch } from './fhir-fetch-channel';

describe('FHIR fetch channel', () => {
  const messages: FhirFetchMessage[] = [];
  const listener = (m: unknown): void => {
    messages.push(m as FhirFetchMessage);
  };
  beforeAll(() => subscribe(FHIR_FETCH_CHANNEL, listener));
  afterAll(() => unsubscribe(FHIR_FETCH_CHANNEL, listener));

  it('publishes a duration for a success and the failure kind for a failure, never more', async () => {
    await expect(observeFetch(async () => 42)).resolves.toBe(42);
    await expect(observeFetch(async () => Promise.reject(new FhirRequestError('timeout', 'slow')))).rejects.toThrow();
    expect(messages).toHaveLength(2);
    expect(Object.keys(messages[0])).toEqual(['durationMs']);
    expect(messages[1].failureKind).toBe('timeout');
  });
});

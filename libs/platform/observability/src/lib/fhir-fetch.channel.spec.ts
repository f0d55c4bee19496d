import { channel } from 'node:diagnostics_channel';
import { subscribeFhirFetchChannel } from './fhir-fetch.channel';
import { ObservabilityMetrics } from './observability.metrics';

describe('subscribeFhirFetchChannel', () => {
  it('records what the FHIR client publishes, ignores malformed messages, and stops on unsubscribe', async () => {
    const name = 'test.fhir-client.fetch';
    const metrics = new ObservabilityMetrics({ defaultMetrics: false });
    const unsubscribe = subscribeFhirFetchChannel(name, metrics);
    const publisher = channel(name);
    publisher.publish({ durationMs: 20 });
    publisher.publish({ durationMs: 30, failureKind: 'http' });
    publisher.publish({ failureKind: 'http' });
    publisher.publish('nonsense');
    unsubscribe();
    publisher.publish({ durationMs: 40, failureKind: 'http' });
    const failures = await metrics.registry.getSingleMetricAsString('fhir_fetch_failures_total');
    expect(failures).toContain('fhir_fetch_failures_total{kind="http"} 1');
    const durations = await metrics.registry.getSingleMetricAsString('fhir_fetch_duration_seconds');
    expect(durations).toContain('fhir_fetch_duration_seconds_count{outcome="ok"} 1');
    expect(durations).toContain('fhir_fetch_duration_seconds_count{outcome="error"} 1');
  });
});

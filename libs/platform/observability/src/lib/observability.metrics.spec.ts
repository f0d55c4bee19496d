import { ObservabilityMetrics } from './observability.metrics';

interface TestCard {
  indicator: string;
  extension?: Record<string, unknown>;
}

const rulesOf = (card: TestCard): unknown => card.extension?.['org.example.rules'];

async function values(metrics: ObservabilityMetrics, name: string): Promise<Array<{ labels: Record<string, unknown>; value: number }>> {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) {
    throw new Error(`no metric ${name}`);
  }
  return (await metric.get()).values.map(({ labels, value }) => ({ labels: labels as Record<string, unknown>, value }));
}

describe('ObservabilityMetrics', () => {
  it('counts emitted cards once per rule they rest on, with service and indicator', async () => {
    const metrics = new ObservabilityMetrics({ defaultMetrics: false });
    const cards: TestCard[] = [
      { indicator: 'info', extension: { 'org.example.rules': ['R-10', 'R-12'] } },
      { indicator: 'critical', extension: { 'org.example.rules': ['R-40'] } },
      { indicator: 'info', extension: { 'org.example.rules': ['R-12'] } },
      { indicator: 'warning' },
    ];
    metrics.recordCardsEmitted('svc-a', cards, rulesOf);
    expect(await values(metrics, 'cds_cards_emitted_total')).toEqual(
      expect.arrayContaining([
        { labels: { service: 'svc-a', rule: 'R-10', indicator: 'info' }, value: 1 },
        { labels: { service: 'svc-a', rule: 'R-12', indicator: 'info' }, value: 2 },
        { labels: { service: 'svc-a', rule: 'R-40', indicator: 'critical' }, value: 1 },
        { labels: { service: 'svc-a', rule: 'none', indicator: 'warning' }, value: 1 },
      ]),
    );
    expect(await values(metrics, 'cds_cards_emitted_total')).toHaveLength(4);
  });

  it('never lets a card put free text into labels, nor a throwing extractor break the response', async () => {
    const metrics = new ObservabilityMetrics({ defaultMetrics: false });
    metrics.recordCardsEmitted(
      'svc-a',
      [{ indicator: 'loud', extension: { 'org.example.rules': 'Patient John Doe, 1970-01-01' } }],
      rulesOf,
    );
    metrics.recordCardsEmitted('svc-a', [{ indicator: 'info' }], () => {
      throw new Error('bad extractor');
    });
    expect(await values(metrics, 'cds_cards_emitted_total')).toEqual([
      { labels: { service: 'svc-a', rule: 'invalid', indicator: 'other' }, value: 1 },
      { labels: { service: 'svc-a', rule: 'none', indicator: 'info' }, value: 1 },
    ]);
  });

  it('records FHIR fetch durations and failures by kind', async () => {
    const metrics = new ObservabilityMetrics({ defaultMetrics: false });
    metrics.recordFhirFetch({ durationMs: 12 });
    metrics.recordFhirFetch({ durationMs: 5000, failureKind: 'timeout' });
    metrics.recordFhirFetch({ durationMs: 3, failureKind: 'unreachable' });
    metrics.recordFhirFetch({ durationMs: 3, failureKind: 'unreachable' });
    expect(await values(metrics, 'fhir_fetch_failures_total')).toEqual([
      { labels: { kind: 'timeout' }, value: 1 },
      { labels: { kind: 'unreachable' }, value: 2 },
    ]);
    const counts = (await values(metrics, 'fhir_fetch_duration_seconds')).filter((v) => v.labels['le'] === '+Inf');
    expect(counts).toEqual([
      { labels: { outcome: 'ok', le: '+Inf' }, value: 1 },
      { labels: { outcome: 'error', le: '+Inf' }, value: 3 },
    ]);
  });

  it('bounds the service label: known ids only, or a capped number of distinct ids', async () => {
    const known = new ObservabilityMetrics({ defaultMetrics: false, knownServiceIds: ['svc-a'] });
    known.recordRequest({ serviceId: 'svc-a', route: '/cds-services/:id', status: 200, durationSeconds: 0.01 });
    known.recordRequest({ serviceId: 'made-up', route: '/cds-services/:id', status: 401, durationSeconds: 0.01 });
    expect((await values(known, 'cds_requests_total')).map((v) => v.labels['service'])).toEqual(['svc-a', 'unknown']);

    const capped = new ObservabilityMetrics({ defaultMetrics: false, maxServiceLabels: 2 });
    for (const id of ['a', 'b', 'c', 'd', 'a']) {
      capped.recordRequest({ serviceId: id, route: '/cds-services/:id', status: 200, durationSeconds: 0.01 });
    }
    capped.recordRequest({ serviceId: 'zzz', route: '/cds-services/:id', status: 404, durationSeconds: 0.01 });
    expect(await values(capped, 'cds_requests_total')).toEqual([
      { labels: { service: 'a', route: '/cds-services/:id', status: '200' }, value: 2 },
      { labels: { service: 'b', route: '/cds-services/:id', status: '200' }, value: 1 },
      { labels: { service: 'other', route: '/cds-services/:id', status: '200' }, value: 2 },
      { labels: { service: 'unknown', route: '/cds-services/:id', status: '404' }, value: 1 },
    ]);
  });

  it('includes the default process metrics in its own registry', async () => {
    const metrics = new ObservabilityMetrics();
    const { body } = await metrics.exposition();
    expect(body).toContain('process_cpu_user_seconds_total');
    expect(body).toContain('nodejs_eventloop_lag_seconds');
  });
});

describe('ObservabilityMetrics.observeCardLedger', () => {
  it('exposes the ledger backlog and its lost cards as they are at each scrape', async () => {
    const metrics = new ObservabilityMetrics({ defaultMetrics: false });
    const ledger = { pendingCards: 0, lostCards: 0 };
    metrics.observeCardLedger(ledger);
    expect((await metrics.exposition()).body).toContain('cds_card_ledger_lost_total 0');
    ledger.pendingCards = 10_000;
    ledger.lostCards = 37;
    const body = (await metrics.exposition()).body;
    expect(body).toContain('cds_card_ledger_pending 10000');
    expect(body).toContain('cds_card_ledger_lost_total 37');
  });
});

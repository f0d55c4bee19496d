import { channel } from 'node:diagnostics_channel';
import request from 'supertest';
import { DummyCdsController } from '../testing/dummy-cds.controller';
import type { ObservabilityTestApp } from '../testing/observability-test-app';
import { createObservabilityTestApp } from '../testing/observability-test-app';
import { cardsEmittedLedger } from './cards-emitted.ledger';
import { ObservabilityMetrics } from './observability.metrics';

const FHIR_CHANNEL = 'test.metrics-int.fhir-fetch';
const PATIENT_ID = 'patient-90210';

/** Parses the text exposition into `name{labels} value` samples. */
function samples(text: string): Array<{ name: string; labels: Record<string, string>; value: number }> {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) {
        throw new Error(`not a sample line: ${line}`);
      }
      const labels: Record<string, string> = {};
      for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
        labels[key] = value;
      }
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

describe('GET /metrics', () => {
  let t: ObservabilityTestApp;
  const metrics = new ObservabilityMetrics({ knownServiceIds: DummyCdsController.SERVICES });

  beforeAll(async () => {
    t = await createObservabilityTestApp([DummyCdsController], { metrics, fhirFetchChannel: FHIR_CHANNEL });
    const server = t.app.getHttpServer();
    await request(server)
      .post('/cds-services/svc-a')
      .send({ hookInstance: 'h1', context: { patientId: PATIENT_ID } })
      .expect(200);
    await request(server).post('/cds-services/svc-a').send({ hookInstance: 'h2' }).expect(200);
    await request(server).post('/cds-services/svc-b').send({ hookInstance: 'h3' }).expect(200);
    await request(server).post(`/cds-services/svc-b?patient=${PATIENT_ID}`).set('Authorization', 'Bearer reject-me').send({}).expect(401);
    await request(server).post(`/cds-services/${PATIENT_ID}`).send({}).expect(404);
    await request(server).post('/cds-services/svc-a/feedback').send({ feedback: [] }).expect(200);
    await request(server).get('/cds-services').expect(200);
    await request(server).get(`/Patient/${PATIENT_ID}`).expect(404);
    channel(FHIR_CHANNEL).publish({ durationMs: 35 });
    channel(FHIR_CHANNEL).publish({ durationMs: 10_000, failureKind: 'timeout' });
    const ledger = cardsEmittedLedger(metrics, (card: { rules: string[] }) => card.rules);
    await ledger.recordIssued({ serviceId: 'svc-a', cards: [{ indicator: 'warning', rules: ['R-1', 'R-2'] } as never] });
  });

  afterAll(async () => {
    await t.close();
  });

  it('is served as Prometheus text without authentication', async () => {
    const res = await request(t.app.getHttpServer()).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('# TYPE cds_requests_total counter');
    expect(res.text).toContain('# TYPE cds_request_duration_seconds histogram');
    expect(res.text).toContain('process_resident_memory_bytes');
  });

  it('counts requests by service id, route pattern and status', async () => {
    const all = samples((await request(t.app.getHttpServer()).get('/metrics')).text);
    const requests = all.filter((s) => s.name === 'cds_requests_total');
    expect(requests).toEqual(
      expect.arrayContaining([
        { name: 'cds_requests_total', labels: { service: 'svc-a', route: '/cds-services/:id', status: '200' }, value: 2 },
        { name: 'cds_requests_total', labels: { service: 'svc-b', route: '/cds-services/:id', status: '200' }, value: 1 },
        { name: 'cds_requests_total', labels: { service: 'svc-b', route: '/cds-services/:id', status: '401' }, value: 1 },
        { name: 'cds_requests_total', labels: { service: 'unknown', route: '/cds-services/:id', status: '404' }, value: 1 },
        { name: 'cds_requests_total', labels: { service: 'svc-a', route: '/cds-services/:id/feedback', status: '200' }, value: 1 },
        { name: 'cds_requests_total', labels: { service: 'none', route: '/cds-services', status: '200' }, value: 1 },
        { name: 'cds_requests_total', labels: { service: 'none', route: 'unmatched', status: '404' }, value: 1 },
      ]),
    );
    expect(requests).toHaveLength(7);
  });

  it('has a duration histogram with the same labels and millisecond buckets', async () => {
    const all = samples((await request(t.app.getHttpServer()).get('/metrics')).text);
    const count = all.find(
      (s) =>
        s.name === 'cds_request_duration_seconds_count' && s.labels['service'] === 'svc-a' && s.labels['route'] === '/cds-services/:id',
    );
    expect(count).toEqual(expect.objectContaining({ labels: { service: 'svc-a', route: '/cds-services/:id', status: '200' }, value: 2 }));
    const buckets = all
      .filter((s) => s.name === 'cds_request_duration_seconds_bucket' && s.labels['service'] === 'svc-a' && s.labels['status'] === '200')
      .map((s) => s.labels['le']);
    expect(buckets).toEqual(expect.arrayContaining(['0.001', '0.005', '0.05', '0.5', '+Inf']));
  });

  it('exposes FHIR fetch durations and failures from the FHIR client channel', async () => {
    const all = samples((await request(t.app.getHttpServer()).get('/metrics')).text);
    expect(all).toContainEqual({ name: 'fhir_fetch_failures_total', labels: { kind: 'timeout' }, value: 1 });
    expect(all).toContainEqual({ name: 'fhir_fetch_duration_seconds_count', labels: { outcome: 'ok' }, value: 1 });
    expect(all).toContainEqual({ name: 'fhir_fetch_duration_seconds_count', labels: { outcome: 'error' }, value: 1 });
  });

  it('exposes cards emitted by service, rule and indicator', async () => {
    const all = samples((await request(t.app.getHttpServer()).get('/metrics')).text);
    expect(all.filter((s) => s.name === 'cds_cards_emitted_total')).toEqual([
      { name: 'cds_cards_emitted_total', labels: { service: 'svc-a', rule: 'R-1', indicator: 'warning' }, value: 1 },
      { name: 'cds_cards_emitted_total', labels: { service: 'svc-a', rule: 'R-2', indicator: 'warning' }, value: 1 },
    ]);
  });

  it('never carries a patient id, a query string or a token', async () => {
    const text = (await request(t.app.getHttpServer()).get('/metrics')).text;
    expect(text).not.toContain(PATIENT_ID);
    expect(text).not.toContain('?');
    expect(text).not.toContain('reject-me');
  });
});

import request from 'supertest';
import { DummyCdsController } from '../testing/dummy-cds.controller';
import type { ObservabilityTestApp } from '../testing/observability-test-app';
import { createObservabilityTestApp } from '../testing/observability-test-app';

const HOOK_INSTANCE = 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea';
const JWT = 'eyJhbGciOiJFUzM4NCJ9.eyJzdWIiOiJjbGllbnQifQ.c2lnbmF0dXJl';
const PATIENT_ID = 'patient-4711';

describe('request observer: JSON log lines, correlation id, access log', () => {
  let t: ObservabilityTestApp;

  beforeEach(async () => {
    t = await createObservabilityTestApp([DummyCdsController]);
  });

  afterEach(async () => {
    await t.close();
  });

  const call = (id: string, body: Record<string, unknown>, query = '') =>
    request(t.app.getHttpServer()).post(`/cds-services/${id}${query}`).send(body);

  it('writes every line as one JSON object with time, level, context and message', async () => {
    await call('svc-a', { hookInstance: HOOK_INSTANCE }).expect(200);
    expect(t.rawLines.length).toBeGreaterThan(0);
    for (const raw of t.rawLines) {
      expect(raw).not.toContain('\n');
      const line = JSON.parse(raw);
      expect(new Date(line.time).toISOString()).toBe(line.time);
      expect(['fatal', 'error', 'warn', 'info', 'debug', 'verbose']).toContain(line.level);
      expect(typeof line.message).toBe('string');
    }
    expect(t.lines()).toContainEqual(expect.objectContaining({ level: 'info', context: 'DummyCds', message: 'invoking svc-a' }));
  });

  it("stamps the request's lines with its hookInstance and echoes it as X-Request-Id", async () => {
    const res = await call('svc-a', { hookInstance: HOOK_INSTANCE }).expect(200);
    expect(res.headers['x-request-id']).toBe(HOOK_INSTANCE);
    const requestLines = t.lines().filter((l) => l.context === 'DummyCds' || l.context === 'HttpAccess');
    expect(requestLines).toHaveLength(2);
    for (const line of requestLines) {
      expect(line.correlationId).toBe(HOOK_INSTANCE);
    }
  });

  it('keeps concurrent requests apart', async () => {
    const ids = ['hook-1', 'hook-2', 'hook-3', 'hook-4'];
    await Promise.all(ids.map((hookInstance) => call('svc-a', { hookInstance, note: hookInstance }).expect(200)));
    for (const id of ids) {
      const line = t.lines().find((l) => l.message === `invoking svc-a: ${id}`);
      expect(line?.correlationId).toBe(id);
    }
  });

  it('falls back to a generated request id when there is no usable hookInstance', async () => {
    const res = await call('svc-a', { hookInstance: 'bad\nvalue' }).expect(200);
    const requestId = res.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(t.lines().find((l) => l.context === 'DummyCds')?.correlationId).toBe(requestId);
    const other = await request(t.app.getHttpServer()).get('/cds-services').expect(200);
    expect(other.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(other.headers['x-request-id']).not.toBe(requestId);
  });

  it('writes one access-log line per request: method, route pattern, status, duration, service, correlation id', async () => {
    await call('svc-a', { hookInstance: HOOK_INSTANCE, context: { patientId: PATIENT_ID } }, `?patient=${PATIENT_ID}`).expect(200);
    const access = t.lines().filter((l) => l.context === 'HttpAccess');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({
      level: 'info',
      method: 'POST',
      route: '/cds-services/:id',
      status: 200,
      service: 'svc-a',
      correlationId: HOOK_INSTANCE,
    });
    expect(typeof access[0]['durationMs']).toBe('number');
    // No patient id (body or query), no query string, no body anywhere in the logs.
    const all = t.rawLines.join('\n');
    expect(all).not.toContain(PATIENT_ID);
    expect(all).not.toContain('?patient');
  });

  it('logs error answers too: unknown service (404), unknown route, a body the parser rejects', async () => {
    await call('no-such-service', { hookInstance: HOOK_INSTANCE }).expect(404);
    await request(t.app.getHttpServer()).get(`/patients/${PATIENT_ID}`).expect(404);
    const rejected = await request(t.app.getHttpServer())
      .post('/cds-services/svc-a')
      .set('Content-Type', 'application/json')
      .send('{"broken')
      .expect(400);
    expect(rejected.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const access = t.lines().filter((l) => l.context === 'HttpAccess');
    expect(access).toEqual([
      expect.objectContaining({ route: '/cds-services/:id', status: 404, service: 'unknown', correlationId: HOOK_INSTANCE }),
      expect.objectContaining({ route: 'unmatched', status: 404, method: 'GET' }),
      expect.objectContaining({ status: 400, method: 'POST', correlationId: rejected.headers['x-request-id'] }),
    ]);
    expect(t.rawLines.join('\n')).not.toContain(PATIENT_ID);
  });

  it('redacts a JWT, a bearer token and an access_token that code writes into a log line', async () => {
    await call('svc-a', { hookInstance: HOOK_INSTANCE, note: `token was {"access_token":"opaque-fhir-token-123"} and ${JWT}` })
      .set('Authorization', `Bearer ${JWT}`)
      .expect(200);
    const all = t.rawLines.join('\n');
    expect(all).not.toContain(JWT);
    expect(all).not.toContain('eyJ');
    expect(all).not.toContain('opaque-fhir-token-123');
    expect(all).toContain('[redacted]');
    expect(t.lines().find((l) => l.level === 'warn' && l.context === 'DummyCds')?.correlationId).toBe(HOOK_INSTANCE);
  });

  it('does not log nor count its own probe and scrape routes', async () => {
    await request(t.app.getHttpServer()).get('/health').expect(200);
    await request(t.app.getHttpServer()).get('/metrics').expect(200);
    expect(t.lines().filter((l) => l.context === 'HttpAccess')).toEqual([]);
  });
});

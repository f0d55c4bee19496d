import request from 'supertest';
import type { ReadinessCheck } from './readiness-check';
import type { ObservabilityTestApp } from '../testing/observability-test-app';
import { createObservabilityTestApp } from '../testing/observability-test-app';

const ok = (name: string): ReadinessCheck => ({ name, check: async () => undefined });

describe('GET /health and GET /ready', () => {
  let t: ObservabilityTestApp | undefined;

  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('/health answers 200 {status: ok} without any dependency check', async () => {
    const check = jest.fn(async () => undefined);
    t = await createObservabilityTestApp([], { readinessChecks: [{ name: 'db', check }] });
    const res = await request(t.app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(check).not.toHaveBeenCalled();
  });

  it('/ready answers 200 with each check when all pass', async () => {
    t = await createObservabilityTestApp([], { readinessChecks: [ok('fhir-sandbox'), ok('feedback-store')] });
    const res = await request(t.app.getHttpServer()).get('/ready').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      checks: [
        { name: 'fhir-sandbox', status: 'ok' },
        { name: 'feedback-store', status: 'ok' },
      ],
    });
  });

  it('/ready answers 503 naming the failing check, without its error text', async () => {
    const failing: ReadinessCheck = {
      name: 'feedback-store',
      check: async () => {
        throw new Error('EACCES: /var/lib/pcb/feedback.db');
      },
    };
    t = await createObservabilityTestApp([], { readinessChecks: [ok('fhir-sandbox'), failing] });
    const res = await request(t.app.getHttpServer()).get('/ready').expect(503);
    expect(res.body).toEqual({
      status: 'unavailable',
      checks: [
        { name: 'fhir-sandbox', status: 'ok' },
        { name: 'feedback-store', status: 'failed' },
      ],
    });
    expect(res.text).not.toContain('EACCES');
    // The reason goes to the log, for the operator.
    expect(t.lines()).toContainEqual(
      expect.objectContaining({ level: 'warn', context: 'Readiness', message: expect.stringContaining('EACCES') }),
    );
  });

  it('/ready answers 503 "timeout" for a check that never answers, and aborts it', async () => {
    let aborted = false;
    const hanging: ReadinessCheck = {
      name: 'fhir-sandbox',
      timeoutMs: 50,
      check: (signal) =>
        new Promise<void>(() => {
          signal.addEventListener('abort', () => {
            aborted = true;
          });
        }),
    };
    t = await createObservabilityTestApp([], { readinessChecks: [hanging, ok('feedback-store')] });
    const res = await request(t.app.getHttpServer()).get('/ready').expect(503);
    expect(res.body.checks).toEqual([
      { name: 'fhir-sandbox', status: 'timeout' },
      { name: 'feedback-store', status: 'ok' },
    ]);
    expect(aborted).toBe(true);
  });

  it('/ready with no registered check is ready', async () => {
    t = await createObservabilityTestApp([]);
    const res = await request(t.app.getHttpServer()).get('/ready').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: [] });
  });
});

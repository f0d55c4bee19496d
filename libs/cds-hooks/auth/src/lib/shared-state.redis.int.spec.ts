import request from 'supertest';
import { openSharedRedis, RedisAuthFailureCounter, RedisJtiReplayStore } from '@pcb-cds/cds-hooks-shared-state';
import { closedPort, testRedis, whenReady } from '@pcb-cds/cds-hooks-shared-state/testing';
import type { AuthTestApp } from '../testing/create-auth-test-app';
import { createAuthTestApp } from '../testing/create-auth-test-app';
import { TestCdsClient } from '../testing';
import type { CdsClientAuthSharedState } from './auth-failure.counter';

// Two apps sharing one Redis stand for two replicas behind a balancer (the fleet test does the same with
// built processes and nginx); a third points at a Redis that is not there.
const BASE = 'https://cds.example.org';
const DISCOVERY = `${BASE}/cds-services`;

describe('client authentication with state shared in Redis', () => {
  const redis = testRedis();
  let client: TestCdsClient;
  let replicas: AuthTestApp[];

  beforeAll(async () => {
    client = await TestCdsClient.create({ iss: 'https://ehr.example' });
    const connection = redis.open();
    await whenReady(connection);
    const shared: CdsClientAuthSharedState = {
      replay: new RedisJtiReplayStore(connection),
      authFailures: (limit) => new RedisAuthFailureCounter(connection, limit),
    };
    const options = {
      mode: 'on' as const,
      trustedClients: { clients: [client.trustedClient()] },
      publicBaseUrl: BASE,
      authFailuresPerMinute: 3,
      sharedState: shared,
    };
    replicas = [await createAuthTestApp(options), await createAuthTestApp(options)];
  });
  afterAll(async () => {
    await Promise.all((replicas ?? []).map((r) => r.close()));
    await redis.cleanup();
  });

  it('accepts a token on one replica and refuses it on the other (and again on the first)', async () => {
    const authorization = await client.authorization(DISCOVERY);
    expect((await request(replicas[0].server).get('/cds-services').set('authorization', authorization)).status).toBe(200);
    expect((await request(replicas[1].server).get('/cds-services').set('authorization', authorization)).status).toBe(401);
    expect((await request(replicas[0].server).get('/cds-services').set('authorization', authorization)).status).toBe(401);
    // Nest's static logger writes to the last app created: either replica's capture may hold the line.
    expect(replicas.map((r) => r.logger.text()).join('\n')).toContain('refused with 401 (replayed)');
  });

  it('counts failed authentications of one address on every replica against one budget', async () => {
    // The replay test above failed 2 times from this address; one more on either replica uses up the 3.
    expect((await request(replicas[1].server).get('/cds-services').set('authorization', 'Bearer x.y.z')).status).toBe(401);
    const refused = await request(replicas[0].server)
      .get('/cds-services')
      .set('authorization', await client.authorization(DISCOVERY));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('client authentication with Redis unreachable', () => {
  let client: TestCdsClient;
  let replica: AuthTestApp;
  let connection: ReturnType<typeof openSharedRedis>;

  beforeAll(async () => {
    client = await TestCdsClient.create({ iss: 'https://ehr.example' });
    connection = openSharedRedis({ url: `redis://127.0.0.1:${await closedPort()}/11`, keyPrefix: 'pcb-cds-test:unreachable:' });
    replica = await createAuthTestApp({
      mode: 'on',
      trustedClients: { clients: [client.trustedClient()] },
      publicBaseUrl: BASE,
      sharedState: { replay: new RedisJtiReplayStore(connection), authFailures: (limit) => new RedisAuthFailureCounter(connection, limit) },
    });
  });
  afterAll(async () => {
    await replica?.close();
    connection?.disconnect();
  });

  it.each([
    ['discovery (a Nest route)', 'GET', '/cds-services'],
    ['a hook call (the hook route)', 'POST', '/cds-services/echo-service'],
  ])('fails closed on %s: 503 with an OperationOutcome for a valid token, never accepted', async (_name, method, path) => {
    const authorization = await client.authorization(`${BASE}${path}`);
    const call =
      method === 'GET'
        ? request(replica.server).get(path)
        : request(replica.server)
            .post(path)
            .set('content-type', 'application/json')
            .send({ hook: 'patient-view', hookInstance: 'h-1', context: { patientId: 'p-1' } });
    const res = await call.set('authorization', authorization);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'transient' }] });
    expect(replica.service.handled).toHaveLength(0);
  });
});

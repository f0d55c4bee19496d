import type { ServerResponse } from 'node:http';
import { failure, json, StubServer } from '../testing/stub-http-server';
import { FhirConnections } from './fhir-connections';
import { FhirRestClient } from './fhir-rest-client';

// One client per hook request, one set of connections per service: consecutive hook requests must reuse the
// TCP connection to the FHIR server instead of opening one (and, with TLS, a handshake) per prefetch query.

const patient = (res: ServerResponse): void => json(res, 200, { resourceType: 'Patient', id: '1' });
/**
 * Hook requests are separate events: undici marks a connection free again one tick after its response has been
 * read, so a call made in that same tick would open a second one. Real hook requests are never that close.
 */
const nextHookRequest = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('FhirConnections', () => {
  const stub = new StubServer();
  const other = new StubServer();

  beforeAll(async () => {
    await stub.start();
    await other.start();
  });
  afterAll(async () => {
    await stub.stop();
    await other.stop();
  });
  beforeEach(() => {
    stub.connections = 0;
    other.connections = 0;
    stub.handler = (_req, res) => patient(res);
    other.handler = (_req, res) => patient(res);
  });

  const clientOf = (base: string, connections: FhirConnections): FhirRestClient =>
    new FhirRestClient({ baseUrl: `${base}/fhir`, timeoutMs: 2000, connections });

  it('clients created one after the other (one per hook request) reuse one connection', async () => {
    const connections = new FhirConnections();
    for (let request = 0; request < 5; request++) {
      await expect(clientOf(stub.base, connections).get('Patient/1')).resolves.toMatchObject({ id: '1' });
      await nextHookRequest();
    }
    expect(stub.connections).toBe(1);
    await connections.close();
  });

  it('clients with their own connections would each open one (what the shared pool saves)', async () => {
    for (let request = 0; request < 3; request++) {
      const own = new FhirConnections();
      await clientOf(stub.base, own).get('Patient/1');
      await own.close();
    }
    expect(stub.connections).toBe(3);
  });

  it('opens at most connectionsPerOrigin connections, however many calls run at once', async () => {
    const connections = new FhirConnections({ connectionsPerOrigin: 2 });
    stub.handler = (_req, res) => setTimeout(() => patient(res), 30);
    const client = clientOf(stub.base, connections);
    await Promise.all(Array.from({ length: 8 }, () => client.get('Patient/1')));
    expect(stub.connections).toBe(2);
    await connections.close();
  });

  it('keeps at most maxOrigins servers: the least recently used is closed, and opened again when needed', async () => {
    const connections = new FhirConnections({ maxOrigins: 1 });
    await clientOf(stub.base, connections).get('Patient/1');
    await nextHookRequest();
    await clientOf(other.base, connections).get('Patient/1');
    await nextHookRequest();
    await clientOf(stub.base, connections).get('Patient/1');
    expect([stub.connections, other.connections]).toEqual([2, 1]);
    await connections.close();
  });

  it('after close() (shutdown) a call fails as unreachable instead of opening a connection', async () => {
    const connections = new FhirConnections();
    await connections.close();
    expect((await failure(clientOf(stub.base, connections).get('Patient/1'))).kind).toBe('unreachable');
    expect(stub.connections).toBe(0);
  });

  it('clients without connections of their own share the process-wide ones', async () => {
    await new FhirRestClient({ baseUrl: `${stub.base}/fhir` }).get('Patient/1');
    await nextHookRequest();
    await new FhirRestClient({ baseUrl: `${stub.base}/fhir` }).get('Patient/1');
    expect(stub.connections).toBe(1);
  });

  it.each([{ connectionsPerOrigin: 0 }, { maxOrigins: 1.5 }, { keepAliveTimeoutMs: -1 }])('refuses %j', (options) => {
    expect(() => new FhirConnections(options)).toThrow(TypeError);
  });
});

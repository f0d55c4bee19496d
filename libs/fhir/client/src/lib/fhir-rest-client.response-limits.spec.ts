import { gzipSync } from 'node:zlib';
import type { StreamedBody } from '../testing/streaming-body';
import { streamLargeSearchset } from '../testing/streaming-body';
import { failure, json, StubServer } from '../testing/stub-http-server';
import { FhirConnections } from './fhir-connections';
import { FhirRestClient } from './fhir-rest-client';
import { checkResponseLimits, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_TOTAL_BYTES } from './response-limits';

// A FHIR server may answer far more than any chart holds (the probe streamed ~210 MB per call and the
// service grew to 1.55 GB). Bodies are counted while they stream and cut off at the limit.

const MB = 1024 * 1024;

/** A Patient whose JSON is exactly `bytes` long. */
function patientOfSize(id: string, bytes: number): string {
  const bare = JSON.stringify({ resourceType: 'Patient', id, text: '' });
  return JSON.stringify({ resourceType: 'Patient', id, text: 'x'.repeat(bytes - bare.length) });
}

describe('FhirRestClient bounds what a FHIR server can make it hold', () => {
  const stub = new StubServer();
  const connections = new FhirConnections();
  let streamed: StreamedBody[] = [];

  beforeAll(() => stub.start());
  afterAll(async () => {
    await connections.close();
    await stub.stop();
  });
  beforeEach(() => {
    streamed = [];
    stub.requests.length = 0;
  });

  const client = (limits: { maxResponseBytes?: number; maxTotalBytes?: number } = {}): FhirRestClient =>
    new FhirRestClient({ baseUrl: `${stub.base}/fhir`, timeoutMs: 20_000, limits, connections });

  describe('one response', () => {
    it.each([
      ['chunked, without Content-Length', false],
      ['with a Content-Length announcing 200 MB', true],
    ])(
      'a 200 MB search answer %s → too-large, and the server could send only a small part of it',
      async (_name, declareLength) => {
        stub.handler = (_req, res) => streamed.push(streamLargeSearchset(res, 200 * MB, { declareLength }));
        const error = await failure(client({ maxResponseBytes: 1 * MB }).get('Condition?patient=1'));
        expect([error.kind, error.details.limit, error.details.query]).toEqual([
          'too-large',
          { name: 'maxResponseBytes', bytes: 1 * MB },
          'search for Condition',
        ]);
        await streamed[0].done;
        // What the kernel's socket buffers took in before the abort, not the 200 MB.
        expect(streamed[0].bytesWritten()).toBeLessThan(40 * MB);
      },
      30_000,
    );

    it('refuses a declared Content-Length over the limit before reading the body', async () => {
      stub.handler = (_req, res) => streamed.push(streamLargeSearchset(res, 3 * MB, { declareLength: true }));
      const error = await failure(client({ maxResponseBytes: 2 * MB }).get('Condition?patient=1'));
      expect(error.kind).toBe('too-large');
    });

    it('accepts a body of exactly the limit and refuses one byte more', async () => {
      stub.handler = (req, res) =>
        json(res, 200, patientOfSize((req.url ?? '').endsWith('/a') ? 'a' : 'b', (req.url ?? '').endsWith('/a') ? 1000 : 1001));
      await expect(client({ maxResponseBytes: 1000 }).get('Patient/a')).resolves.toMatchObject({ id: 'a' });
      expect((await failure(client({ maxResponseBytes: 1000 }).get('Patient/b'))).kind).toBe('too-large');
    });

    it('an error answer (500 with a huge HTML page) is bounded too', async () => {
      stub.handler = (_req, res) => {
        res.writeHead(500, { 'content-type': 'text/html' });
        res.end(`<html>${'x'.repeat(2 * MB)}</html>`);
      };
      expect((await failure(client({ maxResponseBytes: 1 * MB }).get('Condition?patient=1'))).kind).toBe('too-large');
    });
  });

  describe('all answers of one client (one hook request) together', () => {
    it('three reads of 900 bytes under a 2,500-byte total: the third is too-large', async () => {
      stub.handler = (req, res) => json(res, 200, patientOfSize((req.url ?? '').split('/').pop() ?? '', 900));
      const oneRequest = client({ maxResponseBytes: 1000, maxTotalBytes: 2500 });
      await expect(oneRequest.get('Patient/1')).resolves.toMatchObject({ id: '1' });
      await expect(oneRequest.get('Patient/2')).resolves.toMatchObject({ id: '2' });
      const error = await failure(oneRequest.get('Patient/3'));
      expect([error.kind, error.details.limit?.name]).toEqual(['too-large', 'maxTotalBytes']);
      // Another hook request has its own total.
      await expect(client({ maxResponseBytes: 1000, maxTotalBytes: 2500 }).get('Patient/4')).resolves.toMatchObject({ id: '4' });
    });

    it('a client given no total (a long-lived client of a script) has none, only the per-response limit', async () => {
      stub.handler = (req, res) => json(res, 200, patientOfSize((req.url ?? '').split('/').pop() ?? '', 900));
      const longLived = client({ maxResponseBytes: 1000 });
      for (const id of ['1', '2', '3', '4']) {
        await expect(longLived.get(`Patient/${id}`)).resolves.toMatchObject({ id });
      }
    });

    it('the pages of one search count towards the total', async () => {
      stub.handler = (req, res) => {
        const page = Number(new URL(req.url ?? '', stub.base).searchParams.get('_page') ?? '1');
        json(res, 200, {
          resourceType: 'Bundle',
          type: 'searchset',
          link: [{ relation: 'next', url: `${stub.base}/fhir/Condition?patient=1&_page=${page + 1}` }],
          entry: [{ resource: { resourceType: 'Condition', id: `c${page}`, note: [{ text: 'x'.repeat(700) }] } }],
        });
      };
      const error = await failure(client({ maxResponseBytes: 1000, maxTotalBytes: 2500 }).get('Condition?patient=1'));
      expect([error.kind, error.details.limit?.name]).toEqual(['too-large', 'maxTotalBytes']);
      expect(stub.requests).toHaveLength(3);
    });
  });

  describe('compression', () => {
    it('asks for identity, and refuses a gzip answer (it would expand after being counted) as not-fhir', async () => {
      let asked: string | undefined;
      stub.handler = (req, res) => {
        asked = req.headers['accept-encoding'];
        res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-encoding': 'gzip' });
        res.end(gzipSync(JSON.stringify({ resourceType: 'Bundle', type: 'searchset', entry: [] })));
      };
      const error = await failure(client().get('Condition?patient=1'));
      expect(error.kind).toBe('not-fhir');
      expect(error.message).toMatch(/compressed/);
      expect(asked).toBe('identity');
    });
  });

  describe('checkResponseLimits', () => {
    it('defaults to 4 MiB per response and 16 MiB per client', () => {
      expect(checkResponseLimits(undefined)).toEqual({
        maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
        maxTotalBytes: DEFAULT_MAX_TOTAL_BYTES,
      });
      expect([DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_TOTAL_BYTES]).toEqual([4 * MB, 16 * MB]);
    });

    it('raises the default total to a larger per-response limit rather than refusing it', () => {
      expect(checkResponseLimits({ maxResponseBytes: 32 * MB })).toEqual({ maxResponseBytes: 32 * MB, maxTotalBytes: 32 * MB });
    });

    it.each([
      [{ maxResponseBytes: 0 }],
      [{ maxResponseBytes: 1.5 }],
      [{ maxTotalBytes: -1 }],
      [{ maxResponseBytes: NaN }],
      [{ maxResponseBytes: 2000, maxTotalBytes: 1000 }],
    ])('refuses %j', (limits) => {
      expect(() => checkResponseLimits(limits)).toThrow(TypeError);
    });
  });
});

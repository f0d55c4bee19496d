import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { StreamedBody } from '../testing/streaming-body';
import { streamLargeSearchset } from '../testing/streaming-body';
import { failure, StubServer } from '../testing/stub-http-server';
import { FhirConnections } from './fhir-connections';
import { FhirRestClient } from './fhir-rest-client';

// The probe: six concurrent calls to a FHIR server streaming ~210 MB each took the service from 101 MB to
// 648 MB (1.55 GB after three rounds, ~1 GB kept). With the default limits (4 MiB per response) the same rounds
// must leave the process's memory, measured after a full garbage collection, within a small bound.

const MB = 1024 * 1024;
const CONCURRENT = 6;
const ROUNDS = 3;
const OFFERED_BYTES = 200 * MB;
/** Far below the ~550 MB the unbounded client grew by in one round, and above allocator noise. */
const RSS_GROWTH_BOUND = 96 * MB;
const HEAP_GROWTH_BOUND = 16 * MB;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function memoryAfterGc(): { rss: number; heapUsed: number } {
  gc();
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

describe('FhirRestClient memory under answers of 200 MB', () => {
  const stub = new StubServer();
  const connections = new FhirConnections();

  beforeAll(() => stub.start());
  afterAll(async () => {
    await connections.close();
    await stub.stop();
  });

  it(`${CONCURRENT} concurrent calls × ${ROUNDS} rounds, chunked and with Content-Length: each too-large, memory bounded`, async () => {
    const streamed: StreamedBody[] = [];
    let declareLength = false;
    stub.handler = (_req, res) => {
      declareLength = !declareLength;
      streamed.push(streamLargeSearchset(res, OFFERED_BYTES, { declareLength }));
    };
    const client = (): FhirRestClient => new FhirRestClient({ baseUrl: `${stub.base}/fhir`, timeoutMs: 30_000, connections });
    // One warm-up call so that code loading is not counted as growth.
    await failure(client().get('Condition?patient=warm-up'));

    const before = memoryAfterGc();
    for (let round = 0; round < ROUNDS; round++) {
      const errors = await Promise.all(
        Array.from({ length: CONCURRENT }, (_, i) => failure(client().get(`Condition?patient=${round}-${i}`))),
      );
      expect(errors.map((e) => e.kind)).toEqual(Array(CONCURRENT).fill('too-large'));
    }
    await Promise.all(streamed.map((s) => s.done));
    const after = memoryAfterGc();

    const sentPerCall = Math.max(...streamed.map((s) => s.bytesWritten()));
    // The figures, for the record (README / report): not asserted beyond the bounds below.
    process.stdout.write(
      `memory after GC: rss ${(before.rss / MB).toFixed(1)} → ${(after.rss / MB).toFixed(1)} MB, heapUsed ${(before.heapUsed / MB).toFixed(1)} → ${(
        after.heapUsed / MB
      ).toFixed(1)} MB; at most ${(sentPerCall / MB).toFixed(1)} MB of ${OFFERED_BYTES / MB} MB sent per call\n`,
    );
    expect(after.rss - before.rss).toBeLessThan(RSS_GROWTH_BOUND);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(HEAP_GROWTH_BOUND);
    expect(sentPerCall).toBeLessThan(OFFERED_BYTES / 4);
  }, 60_000);
});

import request from 'supertest';
import type { Response } from 'supertest';
import type { CardLedger, FeedbackEntry, IssuedCards } from '@pcb-cds/cds-hooks-model';
import { FeedbackSink } from '@pcb-cds/cds-hooks-model';
import type { CdsHooksTestApp } from '../testing';
import { createCdsHooksTestApp, HOOK_ENDPOINT_WAYS, RecordingCdsService, StubFhirServer } from '../testing';

// hookDeadlineMs bounds every call: whatever hangs (the service, the feedback sink), the client gets an
// OperationOutcome. No timing assertions: the jest timeout of each test (far above the deadline) is the bound.

const PREFETCH_TIMEOUT_MS = 300;
const HOOK_DEADLINE_MS = 800;
const BOUND = 10_000; // jest timeout per test: a hang fails the test instead of passing slowly

const TOKEN = 'deadline-token-c41f0a9b';
const patient = { resourceType: 'Patient', id: 'p1' };
const conditions = { resourceType: 'Bundle', type: 'searchset', entry: [] };
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

class HangingSink extends FeedbackSink {
  hang = true;
  readonly recorded: FeedbackEntry[] = [];
  async record(_serviceId: string, entries: FeedbackEntry[]): Promise<void> {
    if (this.hang) {
      return never();
    }
    this.recorded.push(...entries);
  }
}

class MemoryLedger implements CardLedger {
  readonly issued: IssuedCards[] = [];
  async recordIssued(issued: IssuedCards): Promise<void> {
    this.issued.push(issued);
  }
}

const service = new RecordingCdsService();
const sink = new HangingSink();
const ledger = new MemoryLedger();
let stub: StubFhirServer;
let testApp: CdsHooksTestApp;

function hookRequest(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    hook: 'patient-view',
    hookInstance: 'deadline-test',
    fhirServer: stub.baseUrl,
    fhirAuthorization: { access_token: TOKEN, token_type: 'Bearer', expires_in: 300, scope: 'user/*.read', subject: 'cds' },
    context: { patientId: 'p1' },
    ...extra,
  };
}

async function post(path: string, body: unknown): Promise<Response> {
  return request(testApp.server).post(path).set('Content-Type', 'application/json').send(JSON.stringify(body));
}

function expectOutcome(res: Response, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.body.resourceType).toBe('OperationOutcome');
  expect(res.body.issue[0].code).toBe(code);
  expect(res.text).not.toContain(TOKEN);
}

// Both ways the hook endpoint is served, held to the same answers.
describe.each(HOOK_ENDPOINT_WAYS)('%s', (_way, http) => {
  beforeAll(async () => {
    stub = await StubFhirServer.start();
    testApp = await createCdsHooksTestApp(
      {
        services: [service],
        feedbackSink: sink,
        cardLedger: ledger,
        prefetchTimeoutMs: PREFETCH_TIMEOUT_MS,
        hookDeadlineMs: HOOK_DEADLINE_MS,
        fhirServerAllowlist: [stub.baseUrl],
        rateLimit: false,
      },
      { http },
    );
  });

  afterAll(async () => {
    await testApp?.close();
    await stub?.close();
  });

  beforeEach(() => {
    stub.reset();
    service.received.length = 0;
    service.behaviour = async () => ({ cards: [{ summary: 's', indicator: 'info', source: { label: 'l' } }] });
    ledger.issued.length = 0;
    sink.recorded.length = 0;
    sink.hang = true;
  });

  describe('hookDeadlineMs', () => {
    it(
      '503 OperationOutcome when the service never answers',
      async () => {
        service.behaviour = never;
        expectOutcome(await post('/cds-services/recording-service', hookRequest({ prefetch: { patient, conditions } })), 503, 'timeout');
        expect(service.received).toHaveLength(1);
      },
      BOUND,
    );

    it(
      '503 when prefetch is fetched in time but the service then hangs',
      async () => {
        stub.handler = (req) => ({ body: req.path.startsWith('Patient/') ? patient : conditions });
        service.behaviour = never;
        expectOutcome(await post('/cds-services/recording-service', hookRequest()), 503, 'timeout');
        expect(stub.requests).toHaveLength(2);
      },
      BOUND,
    );

    it(
      '412 (not 503) when it is the FHIR server that hangs: the prefetch deadline fires first',
      async () => {
        stub.handler = never;
        const res = await post('/cds-services/recording-service', hookRequest({ prefetch: { patient } }));
        expectOutcome(res, 412, 'timeout');
        expect(res.body.issue[0].details.text).toContain("'conditions'");
        expect(service.received).toHaveLength(0);
      },
      BOUND,
    );

    it(
      'cards a service produces after the deadline are not recorded as issued (the client never saw them)',
      async () => {
        let finish!: () => void;
        const finished = new Promise<void>((resolve) => (finish = resolve));
        service.behaviour = async () => {
          await new Promise((resolve) => setTimeout(resolve, HOOK_DEADLINE_MS + 200));
          finish();
          return { cards: [{ summary: 'late', indicator: 'info', source: { label: 'l' } }] };
        };
        expectOutcome(await post('/cds-services/recording-service', hookRequest({ prefetch: { patient, conditions } })), 503, 'timeout');
        await finished;
        await new Promise((resolve) => setImmediate(resolve));
        expect(ledger.issued).toHaveLength(0);
      },
      BOUND,
    );

    it(
      'cards produced in time are recorded as issued',
      async () => {
        expect((await post('/cds-services/recording-service', hookRequest({ prefetch: { patient, conditions } }))).status).toBe(200);
        expect(ledger.issued).toHaveLength(1);
      },
      BOUND,
    );

    it(
      '503 OperationOutcome when the feedback sink never answers; the retry succeeds once it does',
      async () => {
        const feedback = { feedback: [{ card: 'c-1', outcome: 'overridden', outcomeTimestamp: '2026-01-01T00:00:00Z' }] };
        expectOutcome(await post('/cds-services/recording-service/feedback', feedback), 503, 'timeout');
        sink.hang = false;
        // The hung attempt must not keep its claim on the entry: the retry is recorded, not acknowledged as a
        // duplicate of something that was never stored.
        expect((await post('/cds-services/recording-service/feedback', feedback)).status).toBe(200);
        expect(sink.recorded.map((e) => e.card)).toEqual(['c-1']);
      },
      BOUND,
    );

    it('the module refuses to start with a prefetch deadline that is not below the hook deadline', async () => {
      await expect(createCdsHooksTestApp({ services: [service], prefetchTimeoutMs: 1000, hookDeadlineMs: 1000 })).rejects.toThrow(
        /smaller than hookDeadlineMs/,
      );
    });
  });
});

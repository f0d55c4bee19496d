import request from 'supertest';
import type { Response } from 'supertest';
import type { CdsResponse, CdsService, FeedbackEntry } from '@pcb-cds/cds-hooks-model';
import { FeedbackSink } from '@pcb-cds/cds-hooks-model';
import type { CdsHooksTestApp } from '../testing';
import { assertCdsHooksInvariants, createCdsHooksTestApp, readSpecJson } from '../testing';

class MemorySink extends FeedbackSink {
  readonly recorded: Array<{ serviceId: string; entries: FeedbackEntry[] }> = [];

  async record(serviceId: string, entries: FeedbackEntry[]): Promise<void> {
    this.recorded.push({ serviceId, entries });
  }

  entries(): FeedbackEntry[] {
    return this.recorded.flatMap((r) => r.entries);
  }
}

const service: CdsService = {
  definition: { id: 'echo-service', hook: 'patient-view', description: 'Feedback target' },
  handle: async (): Promise<CdsResponse> => ({ cards: [] }),
};

const example = (file: string): { feedback: FeedbackEntry[] } => readSpecJson(`cds-hooks-spec/${file}`);
const accepted = example('spec-2.0.1-examples/feedback-accepted.json');

let testApp: CdsHooksTestApp;
let sink: MemorySink;

async function postFeedback(body: unknown, id = 'echo-service', contentType = 'application/json'): Promise<Response> {
  return request(testApp.server)
    .post(`/cds-services/${id}/feedback`)
    .set('Content-Type', contentType)
    .send(typeof body === 'string' ? body : JSON.stringify(body));
}

// A fresh app per test: the idempotency memory lives in the process, and the examples share card uuids.
beforeEach(async () => {
  sink = new MemorySink();
  testApp = await createCdsHooksTestApp({ services: [service], feedbackSink: sink });
});

afterEach(async () => {
  await testApp?.close();
});

describe('POST /cds-services/{id}/feedback', () => {
  it.each([
    'spec-2.0.1-examples/feedback-accepted.json',
    'spec-2.0.1-examples/feedback-overridden-with-reason.json',
    'spec-2.0.1-examples/feedback-overridden-no-reason.json',
    'test-vectors/ahrq-cql-services/examples__hooks__R4__feedback.json',
    'test-vectors/ahrq-cql-services/fixtures__hooks-feedback__feedbackFor2.json',
  ])('200 for %s, passed to the sink', async (file) => {
    const body = example(file);
    assertCdsHooksInvariants('feedback', body);
    const res = await postFeedback(body);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({});
    expect(sink.recorded.map((r) => r.serviceId)).toEqual(['echo-service']);
    expect(sink.entries()).toEqual(body.feedback);
  });

  it('is idempotent: the same entry twice is 200 twice and recorded once', async () => {
    const body = example('spec-2.0.1-examples/feedback-overridden-no-reason.json');
    expect((await postFeedback(body)).status).toBe(200);
    expect((await postFeedback(body)).status).toBe(200);
    expect(sink.entries()).toHaveLength(1);
    const later = { feedback: [{ ...body.feedback[0], outcomeTimestamp: '2020-12-11T00:00:01Z' }] };
    expect((await postFeedback(later)).status).toBe(200);
    expect(sink.entries()).toHaveLength(2); // a different (card, outcome, outcomeTimestamp) is new
  });

  it.each([
    ['no feedback array', {}, 'feedback'],
    ['an unknown outcome', { feedback: [{ ...accepted.feedback[0], outcome: 'dismissed' }] }, 'feedback[0].outcome'],
    [
      'accepted without acceptedSuggestions',
      { feedback: [{ ...accepted.feedback[0], acceptedSuggestions: undefined }] },
      'feedback[0].acceptedSuggestions',
    ],
    [
      'an empty overrideReason',
      { feedback: [{ card: 'c', outcome: 'overridden', overrideReason: {}, outcomeTimestamp: '2020-12-11T00:00:00Z' }] },
      'feedback[0].overrideReason',
    ],
    [
      'a timestamp that is not an instant',
      { feedback: [{ ...accepted.feedback[0], outcomeTimestamp: '11/12/2021' }] },
      'feedback[0].outcomeTimestamp',
    ],
  ])('400 OperationOutcome for %s, nothing recorded', async (_name, body, field) => {
    const res = await postFeedback(body);
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].expression).toEqual([field]);
    expect(sink.recorded).toHaveLength(0);
  });

  it('400 OperationOutcome for malformed JSON', async () => {
    const res = await postFeedback('{"feedback": [');
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });

  it('404 OperationOutcome for an unknown service, nothing recorded', async () => {
    const res = await postFeedback(accepted, 'no-such-service');
    expect(res.status).toBe(404);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(sink.recorded).toHaveLength(0);
  });

  it('415 OperationOutcome for a non-JSON content type', async () => {
    const res = await postFeedback(JSON.stringify(accepted), 'echo-service', 'text/plain');
    expect(res.status).toBe(415);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });
});

describe('default feedback sink', () => {
  it('logs card uuid and outcome through the Nest logger, without the clinician comment', async () => {
    const plain = await createCdsHooksTestApp({ services: [service] });
    try {
      const body = example('spec-2.0.1-examples/feedback-overridden-with-reason.json');
      const res = await request(plain.server)
        .post('/cds-services/echo-service/feedback')
        .set('Content-Type', 'application/json')
        .send(body);
      expect(res.status).toBe(200);
      const text = plain.logger.text();
      expect(text).toContain(`card=${body.feedback[0].card} outcome=overridden`);
      expect(text).not.toContain('A comment entered by the clinician');
    } finally {
      await plain.close();
    }
  });
});

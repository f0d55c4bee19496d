import { readSpecJson } from '../testing';
import { isInstant, validateFeedbackRequest } from './validate-feedback-request';

const example = (file: string): Record<string, unknown> => readSpecJson(`cds-hooks-spec/${file}`);
const accepted = example('spec-2.0.1-examples/feedback-accepted.json');
const entry = (accepted['feedback'] as Record<string, unknown>[])[0];
const overridden = (example('spec-2.0.1-examples/feedback-overridden-with-reason.json')['feedback'] as Record<string, unknown>[])[0];

function fieldOf(body: unknown): string | undefined {
  const result = validateFeedbackRequest(body);
  expect(result.ok).toBe(false);
  return result.ok ? undefined : result.problem.field;
}

describe('validateFeedbackRequest', () => {
  it.each([
    'spec-2.0.1-examples/feedback-accepted.json',
    'spec-2.0.1-examples/feedback-overridden-with-reason.json',
    'spec-2.0.1-examples/feedback-overridden-no-reason.json',
    'test-vectors/ahrq-cql-services/examples__hooks__R4__feedback.json',
    'test-vectors/ahrq-cql-services/fixtures__hooks-feedback__feedbackFor2.json',
  ])('accepts %s', (file) => {
    const body = example(file);
    expect(validateFeedbackRequest(body)).toEqual({ ok: true, value: body });
  });

  it.each([
    ['a non-object body', [], 'body'],
    ['missing feedback', {}, 'feedback'],
    ['empty feedback', { feedback: [] }, 'feedback'],
    ['a non-object entry', { feedback: ['x'] }, 'feedback[0]'],
    ['missing card', { feedback: [{ ...entry, card: undefined }] }, 'feedback[0].card'],
    ['numeric card', { feedback: [{ ...entry, card: 7 }] }, 'feedback[0].card'],
    ['unknown outcome (cds-fb-1)', { feedback: [{ ...entry, outcome: 'ignored' }] }, 'feedback[0].outcome'],
    ['missing outcome', { feedback: [{ ...entry, outcome: undefined }] }, 'feedback[0].outcome'],
    [
      'accepted without acceptedSuggestions (cds-fb-2)',
      { feedback: [{ ...entry, acceptedSuggestions: undefined }] },
      'feedback[0].acceptedSuggestions',
    ],
    ['empty acceptedSuggestions', { feedback: [{ ...entry, acceptedSuggestions: [] }] }, 'feedback[0].acceptedSuggestions'],
    [
      'acceptedSuggestions without id',
      { feedback: [{ ...entry, acceptedSuggestions: [{ uuid: 'x' }] }] },
      'feedback[0].acceptedSuggestions[0].id',
    ],
    ['numeric suggestion id', { feedback: [{ ...entry, acceptedSuggestions: [{ id: 1 }] }] }, 'feedback[0].acceptedSuggestions[0].id'],
    ['empty overrideReason (cds-fb-3)', { feedback: [{ ...overridden, overrideReason: {} }] }, 'feedback[0].overrideReason'],
    ['string overrideReason', { feedback: [{ ...overridden, overrideReason: 'no' }] }, 'feedback[0].overrideReason'],
    [
      'reason without code',
      { feedback: [{ ...overridden, overrideReason: { reason: { system: 's' } } }] },
      'feedback[0].overrideReason.reason',
    ],
    [
      'non-string userComment',
      { feedback: [{ ...overridden, overrideReason: { userComment: 3 } }] },
      'feedback[0].overrideReason.userComment',
    ],
    ['missing outcomeTimestamp', { feedback: [{ ...entry, outcomeTimestamp: undefined }] }, 'feedback[0].outcomeTimestamp'],
    ['date-only outcomeTimestamp', { feedback: [{ ...entry, outcomeTimestamp: '2021-12-11' }] }, 'feedback[0].outcomeTimestamp'],
    ['a later entry broken', { feedback: [entry, { ...entry, outcome: 'nope' }] }, 'feedback[1].outcome'],
  ])('rejects %s, naming the field', (_name, body, field) => {
    expect(fieldOf(body)).toBe(field);
  });
});

describe('isInstant', () => {
  it.each(['2021-12-11T10:05:31Z', '2020-12-11T00:00:00Z', '2021-12-11T10:05:31.123+01:00', '2024-02-29T23:59:60-05:00'])(
    'accepts %s',
    (value) => {
      expect(isInstant(value)).toBe(true);
    },
  );

  it.each([
    '2021-12-11',
    '2021-12-11T10:05Z',
    '2021-12-11T10:05:31',
    '2021-02-30T00:00:00Z',
    '2021-13-01T00:00:00Z',
    '2021-12-11T24:00:00Z',
    'yesterday',
    1639217131,
  ])('rejects %s', (value) => {
    expect(isInstant(value)).toBe(false);
  });
});

import { assertCdsHooksInvariants, evaluateCdsHooksInvariants } from './cds-hooks-invariants';
import { readSpecJson } from './spec-files';

const spec = (file: string): Record<string, unknown> => readSpecJson(`cds-hooks-spec/spec-2.0.1-examples/${file}`);
const keys = (kind: Parameters<typeof evaluateCdsHooksInvariants>[0], json: unknown): string[] =>
  evaluateCdsHooksInvariants(kind, json).violations.map((v) => v.key);

describe('assertCdsHooksInvariants', () => {
  it.each([
    ['discovery', 'discovery-response.json'],
    ['discovery', 'discovery-with-extension.json'],
    ['request', 'request-patient-view.json'],
    ['response', 'response-cards-links-overrideReasons.json'],
    ['response', 'response-empty-cards.json'],
    ['feedback', 'feedback-accepted.json'],
    ['feedback', 'feedback-overridden-with-reason.json'],
    ['feedback', 'feedback-overridden-no-reason.json'],
  ] as const)('passes the spec example (%s) %s', (kind, file) => {
    expect(() => assertCdsHooksInvariants(kind, spec(file))).not.toThrow();
  });

  const allKeys = readSpecJson<{ invariants: Array<{ key: string }> }>('cds-hooks-spec/invariants.json').invariants.map((i) => i.key);

  const validRequest = {
    ...spec('request-patient-view.json'),
    context: { patientId: '1', userId: 'Practitioner/1', selections: ['MedicationRequest/1'] },
  };
  const validResponse = {
    cards: [
      {
        summary: 's',
        indicator: 'info',
        source: { label: 'l' },
        suggestions: [{ label: 'x', isRecommended: true, actions: [{ type: 'delete', description: 'd', resourceId: 'A/1' }] }],
        selectionBehavior: 'at-most-one',
        links: [{ label: 'l', url: 'https://x', type: 'smart', appContext: 'ctx' }],
        overrideReasons: [{ system: 's', code: 'c', display: 'd' }],
      },
    ],
    systemActions: [{ type: 'update', description: 'u', resource: { resourceType: 'X' } }],
  };
  const validFeedback = spec('feedback-overridden-with-reason.json');

  it('evaluates every invariant of invariants.json on valid documents that exercise them, and they pass', () => {
    const reports = [
      assertCdsHooksInvariants('request', validRequest, { failOnWarnings: true }),
      assertCdsHooksInvariants('response', validResponse, { failOnWarnings: true }),
      assertCdsHooksInvariants('feedback', validFeedback, { failOnWarnings: true }),
    ];
    expect(reports.flatMap((r) => r.evaluatedKeys).sort()).toEqual([...allKeys].sort());
  });

  it('catches each invariant on a document that breaks it', () => {
    const badCard = {
      summary: 's',
      indicator: 'info',
      source: { label: 'l' },
      selectionBehavior: 'at-most-one',
      suggestions: [
        {
          label: 'a',
          isRecommended: true,
          actionSelectionBehavior: 'some',
          actions: [{ type: 'delete', resource: { resourceType: 'X' } }],
        },
        { label: 'b', isRecommended: true },
      ],
      links: [{ label: 'l', url: 'https://x', type: 'absolute', appContext: 'x' }],
      overrideReasons: [{ system: 's', code: 'c' }],
    };
    const reported = new Set([
      ...keys('request', { context: { userId: 'nope' }, fhirAuthorization: { scope: 'patient/*.read' } }),
      ...keys('response', { cards: [badCard, { ...badCard, selectionBehavior: undefined }] }),
      ...keys('feedback', {
        feedback: [
          { card: 'c', outcome: 'accepted', outcomeTimestamp: 't', overrideReason: {} },
          { card: 'c', outcome: 'x', outcomeTimestamp: 't' },
        ],
      }),
    ]);
    expect(allKeys.filter((k) => !reported.has(k))).toEqual([]);
  });

  it('throws on an error-severity violation and lists it', () => {
    expect(() => assertCdsHooksInvariants('feedback', { feedback: [{ card: 'c', outcome: 'accepted', outcomeTimestamp: 't' }] })).toThrow(
      /cds-fb-2/,
    );
  });

  it('reports warnings without failing unless asked to', () => {
    const request = { ...spec('request-patient-view.json'), fhirAuthorization: { access_token: 't', scope: 'patient/*.read' } };
    expect(() => assertCdsHooksInvariants('request', request)).not.toThrow();
    expect(() => assertCdsHooksInvariants('request', request, { failOnWarnings: true })).toThrow(/cds-r-2/);
  });

  it('checks required fields, the only rules the discovery document has', () => {
    expect(keys('discovery', { services: [{ id: 'x', hook: 'patient-view' }] })).toEqual(['required']);
    expect(() => assertCdsHooksInvariants('response', { cards: [{ summary: 's', source: { label: 'l' } }] })).toThrow(/indicator/);
  });
});

import type { CdsResponse, CdsService, CdsServiceDefinition, ResolvedHookRequest } from '@pcb-cds/cds-hooks-model';
import { readSpecJson } from '../spec-files';
import type { StubFhirRequest, StubFhirReply } from '../stub-fhir-server';

// The fixtures of the fuzz run: fake services, the FHIR server's answers and the valid documents that get mutated.

/** Tokens the fuzzed requests carry: none may ever come back in an answer or a log line. */
export const FUZZ_TOKEN = 'fuzz-access-token-2d8c4e1f9a';
export const SPEC_TOKEN = 'some-opaque-fhir-access-token';

/** Same keys as the AHRQ vectors and the spec example, so that seeds are partly prefetched, partly fetched. */
export const FUZZ_SERVICE: CdsServiceDefinition = {
  id: 'fuzz-service',
  hook: 'patient-view',
  description: 'Echoes what it received into cards',
  prefetch: {
    Patient: 'Patient/{{context.patientId}}',
    Condition: 'Condition?patient={{context.patientId}}',
    Observation: 'Observation?patient={{context.patientId}}',
    patientToGreet: 'Patient/{{context.patientId}}',
  },
};

/** Templates with every kind of prefetch token, so that token substitution gets fuzzed too. */
export const TOKEN_SERVICE: CdsServiceDefinition = {
  id: 'fuzz-tokens',
  hook: 'patient-view',
  description: 'Prefetch templates with user and context tokens',
  prefetch: {
    user: 'Practitioner/{{userPractitionerId}}',
    role: 'PractitionerRole/{{userPractitionerRoleId}}',
    encounter: 'Encounter/{{context.encounterId}}',
    meds: 'MedicationRequest?patient={{context.patientId}}&encounter={{context.encounterId}}',
  },
};

/**
 * A service that turns whatever it received into cards with the sloppiness the normaliser must repair (no
 * uuids, empty optional fields, over-long summaries, no selectionBehavior, unsorted indicators), echoing
 * client text, so that every 200 answer tests "the response is valid CDS Hooks whatever came in".
 */
export class FuzzEchoService implements CdsService {
  constructor(readonly definition: CdsServiceDefinition) {}

  async handle(request: ResolvedHookRequest): Promise<CdsResponse> {
    const patientId = String(request.context.patientId);
    const seen = Object.entries(request.prefetch)
      .map(([key, value]) => `${key}=${value === null ? 'null' : String(value.resourceType)}`)
      .join(', ');
    const indicators = ['info', 'warning', 'critical'] as const;
    const cards = Array.from({ length: request.hookInstance.length % 4 }, (_unused, i) => ({
      summary: `Patient ${patientId}: ${seen}`,
      indicator: indicators[(i + patientId.length) % indicators.length],
      source: { label: 'Fuzz', url: i % 2 === 0 ? '' : undefined, topic: null },
      detail: JSON.stringify(request.context).slice(0, 2000),
      suggestions:
        i === 1
          ? [
              {
                label: 'Order',
                actions: [{ type: 'create', description: 'Order it', resource: { resourceType: 'ServiceRequest', status: 'draft' } }],
              },
            ]
          : [],
      links: i === 2 ? [{ label: 'Guideline', url: 'https://example.org/guideline', type: 'absolute' }] : null,
      overrideReasons: i > 0 ? [{ system: 'http://example.org/reasons', code: 'other', display: 'Other' }] : undefined,
      extension: { 'org.example.echo': request.extension ?? null, 'org.example.unavailable': request.unavailablePrefetchKeys ?? null },
    }));
    return { cards, systemActions: [] } as unknown as CdsResponse;
  }
}

/** The stub FHIR server's answers: reads of patients and practitioners, searches as small Bundles, else 404. */
export function fuzzFhirAnswer(req: StubFhirRequest): StubFhirReply {
  const [type, id] = req.path.split(/[/?]/, 2);
  if (req.path.includes('?')) {
    return { body: { resourceType: 'Bundle', type: 'searchset', total: 1, entry: [{ resource: { resourceType: type, id: 'x1' } }] } };
  }
  if (type === 'Patient' || type === 'Practitioner') {
    return { body: { resourceType: type, id: decodeURIComponent(id ?? '') } };
  }
  return { status: 404, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] } };
}

/** Valid patient-view requests: the spec's, the AHRQ vectors, and one that must fetch everything. */
export function hookRequestSeeds(): Array<Record<string, unknown>> {
  const spec = (file: string): Record<string, unknown> => readSpecJson(`cds-hooks-spec/spec-2.0.1-examples/${file}`);
  const ahrq = (name: string): Record<string, unknown> =>
    readSpecJson(`cds-hooks-spec/test-vectors/ahrq-cql-services/fixtures__hooks-patients__R4__${name}_invocation.json`);
  return [
    spec('request-patient-view.json'),
    spec('request-with-extension.json'),
    ahrq('active_person'),
    ahrq('lazy_person'),
    ahrq('missing_prefetch_keys'),
    ahrq('null_prefetch_values'),
    {
      hook: 'patient-view',
      hookInstance: 'fuzz-fetch-all',
      fhirAuthorization: { access_token: FUZZ_TOKEN, token_type: 'Bearer', expires_in: 300, scope: 'user/*.read', subject: 'fuzz' },
      context: { userId: 'Practitioner/abc', patientId: '1288992', encounterId: '456' },
    },
  ];
}

/** Valid feedback: the spec's examples and the AHRQ vectors. */
export function feedbackSeeds(): Array<Record<string, unknown>> {
  return [
    'spec-2.0.1-examples/feedback-accepted.json',
    'spec-2.0.1-examples/feedback-overridden-with-reason.json',
    'spec-2.0.1-examples/feedback-overridden-no-reason.json',
    'test-vectors/ahrq-cql-services/examples__hooks__R4__feedback.json',
    'test-vectors/ahrq-cql-services/fixtures__hooks-feedback__feedbackFor2.json',
  ].map((file) => readSpecJson<Record<string, unknown>>(`cds-hooks-spec/${file}`));
}

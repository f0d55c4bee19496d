import type { CdsResponse, CdsService, CdsServiceDefinition, ResolvedHookRequest } from '@pcb-cds/cds-hooks-model';

/** What the fake service does with a call; default: one info card. A promise that never settles models a hang. */
export type RecordingServiceBehaviour = (request: ResolvedHookRequest) => Promise<CdsResponse>;

/** Prefetch templates of a typical patient-view service: a read and a search. */
export const PATIENT_AND_CONDITIONS_PREFETCH: Readonly<Record<string, string>> = {
  patient: 'Patient/{{context.patientId}}',
  conditions: 'Condition?patient={{context.patientId}}',
};

/**
 * A stand-in for a guideline service in protocol tests: records every request it receives (so a test can see
 * what the protocol layer handed over, or that it was never called) and answers per `behaviour`.
 */
export class RecordingCdsService implements CdsService {
  readonly received: ResolvedHookRequest[] = [];
  readonly definition: CdsServiceDefinition;
  behaviour: RecordingServiceBehaviour = async () => ({
    cards: [{ summary: 'recorded', indicator: 'info', source: { label: 'Recording service' } }],
  });

  constructor(definition: Partial<CdsServiceDefinition> = {}) {
    this.definition = {
      id: 'recording-service',
      hook: 'patient-view',
      description: 'Records what it receives',
      prefetch: { ...PATIENT_AND_CONDITIONS_PREFETCH },
      ...definition,
    };
  }

  async handle(request: ResolvedHookRequest): Promise<CdsResponse> {
    this.received.push(request);
    return this.behaviour(request);
  }
}

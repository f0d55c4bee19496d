import type { CdsResponse, CdsService, CdsServiceDefinition, ResolvedHookRequest } from '@pcb-cds/cds-hooks-model';
import type { IndicatorMap } from '@pcb-cds/postcoital-bleeding-cards';
import { toCards } from '@pcb-cds/postcoital-bleeding-cards';
import { toPatientRecord } from '@pcb-cds/postcoital-bleeding-context';
import type { GuidelineParameters } from '@pcb-cds/postcoital-bleeding-facts';
import { deriveFacts } from '@pcb-cds/postcoital-bleeding-facts';
import { evaluatePostcoitalBleeding } from '@pcb-cds/postcoital-bleeding-rules';
import type { Terminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { pcbServiceDefinition } from './service-definition';

export interface PostcoitalBleedingSettings {
  parameters: GuidelineParameters;
  terminology: Terminology;
  indicatorMap?: IndicatorMap;
  /** The evaluation date; injectable so tests and demos can pin "today". */
  clock: () => Date;
}

/**
 * patient-view → cards, in pipeline order: resolved prefetch → patient record → facts → rules →
 * recommendations → cards. Everything here is synchronous and pure; I/O happened in the protocol layer.
 */
export class PostcoitalBleedingCdsService implements CdsService {
  readonly definition: CdsServiceDefinition;

  constructor(private readonly settings: PostcoitalBleedingSettings) {
    this.definition = pcbServiceDefinition(settings.terminology);
  }

  async handle(request: ResolvedHookRequest): Promise<CdsResponse> {
    const { parameters, terminology } = this.settings;
    const today = this.settings.clock().toISOString().slice(0, 10);
    const { patientId, encounterId } = request.context;
    const record = toPatientRecord(request.prefetch, patientId, today, terminology);
    const facts = deriveFacts(record, parameters);
    for (const key of request.unavailablePrefetchKeys ?? []) {
      facts.dataGaps.push(`The EHR could not supply "${key}": advice may be incomplete`);
    }
    const recommendations = evaluatePostcoitalBleeding(facts, parameters);
    return {
      cards: toCards(recommendations, {
        patientId,
        encounterId: typeof encounterId === 'string' ? encounterId : undefined,
        facts,
        terminology,
        indicatorMap: this.settings.indicatorMap,
      }),
    };
  }
}

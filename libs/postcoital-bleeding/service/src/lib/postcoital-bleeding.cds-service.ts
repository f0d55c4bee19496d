import type { CdsResponse, CdsService, CdsServiceDefinition, ResolvedHookRequest } from '@pcb-cds/cds-hooks-model';
import type { IndicatorMap } from '@pcb-cds/postcoital-bleeding-cards';
import { toCards } from '@pcb-cds/postcoital-bleeding-cards';
import { toPatientRecord } from '@pcb-cds/postcoital-bleeding-context';
import type { GuidelineParameters, PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import { deriveFacts } from '@pcb-cds/postcoital-bleeding-facts';
import type { Recommendation, RuleId } from '@pcb-cds/postcoital-bleeding-rules';
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
    const { patientId, encounterId } = request.context;
    const { facts, recommendations } = this.evaluate(request.prefetch, patientId, request.unavailablePrefetchKeys);
    const { terminology } = this.settings;
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

  /** The rules that fire for a patient's resources (used by the start-up listing of demo patients). */
  firedRules(resources: Record<string, unknown>, patientId: string): RuleId[] {
    return this.evaluate(resources, patientId).recommendations.map((r) => r.ruleId);
  }

  private evaluate(
    prefetch: Record<string, unknown>,
    patientId: string,
    unavailableKeys: string[] = [],
  ): { facts: PostcoitalBleedingFacts; recommendations: Recommendation[] } {
    const { parameters, terminology } = this.settings;
    const today = this.settings.clock().toISOString().slice(0, 10);
    const facts = deriveFacts(toPatientRecord(prefetch, patientId, today, terminology), parameters);
    for (const key of unavailableKeys) {
      facts.dataGaps.push(`The EHR could not supply "${key}": advice may be incomplete`);
    }
    return { facts, recommendations: evaluatePostcoitalBleeding(facts, parameters) };
  }
}

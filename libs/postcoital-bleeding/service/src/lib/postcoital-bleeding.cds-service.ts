import type { CdsResponse, CdsService, CdsServiceDefinition, ResolvedHookRequest } from '@pcb-cds/cds-hooks-model';
import { toCards } from '@pcb-cds/postcoital-bleeding-cards';
import type { Jurisdiction } from '@pcb-cds/postcoital-bleeding-facts';
import type { RuleId } from '@pcb-cds/postcoital-bleeding-rules';
import { withCardMemoryKeys } from './card-memory-key';
import type { PostcoitalBleedingSettings } from './evaluate-guideline';
import { evaluateGuideline } from './evaluate-guideline';
import { pcbServiceDefinition } from './service-definition';

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
    const { facts, recommendations } = evaluateGuideline(this.settings, request.prefetch, patientId, request.unavailablePrefetchKeys);
    const { terminology } = this.settings;
    const cards = toCards(recommendations, {
      patientId,
      encounterId: typeof encounterId === 'string' ? encounterId : undefined,
      facts,
      terminology,
      indicatorMap: this.settings.indicatorMap,
      jurisdiction: this.settings.parameters.jurisdiction,
    });
    // → card memory (protocol layer): each card says what it rests on, so a dismissal can be remembered.
    return { cards: withCardMemoryKeys(cards, recommendations, facts, this.settings.parameters.jurisdiction) };
  }

  /** US or UK: whose guideline variant this service applies. */
  get jurisdiction(): Jurisdiction {
    return this.settings.parameters.jurisdiction;
  }

  /** The rules that fire for a patient's resources (used by the start-up listing of demo patients). */
  firedRules(resources: Record<string, unknown>, patientId: string): RuleId[] {
    return evaluateGuideline(this.settings, resources, patientId).recommendations.map((r) => r.ruleId);
  }
}

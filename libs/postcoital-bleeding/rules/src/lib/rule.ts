import type { DataGapTopic, GuidelineParameters, PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import type { SourceKey } from './citations';
import type { Condition } from './condition';
import type { CardGroup, FactLine, OrderAdvice, RuleId, RuleTrace, Urgency } from './recommendation';

/** §2 groups, in evaluation order; one file each. */
export type GuidelineSection = 'data-quality' | 'core' | 'postmenopausal' | 'pregnancy' | 'special-populations' | 'red-flags';

/** What a firing rule says for this patient (the rule object adds its id, sources, trace and gap topics). */
export interface RuleOutput {
  urgency: Urgency;
  indicatorOverride?: 'info' | 'warning' | 'critical';
  summary: string;
  action: string;
  headline?: string;
  advice: string;
  notNeeded?: string[];
  cautions?: string[];
  orders: OrderAdvice[];
  because: FactLine[];
  safetyNet?: string;
  variant?: string;
}

/**
 * A guideline rule, whole: its condition (named, cited predicates), what its card says in each
 * jurisdiction, its orders, its §7.1 sources and its trace. Pure: facts and parameters in, words out.
 */
export interface Rule {
  id: RuleId;
  section: GuidelineSection;
  title: { US: string; UK: string };
  /** When the rule fires, before other rules' suppressions. */
  when: Condition;
  /** Rules this one removes when both fire (§2 two passes: which fire, then which are suppressed). */
  suppresses?: readonly RuleId[];
  /** The urgencies this rule can emit; docs/clinical-logic.md shows them. */
  urgencies: readonly Urgency[];
  /** The guideline parameters its conditions and wording use. */
  parameters: readonly (keyof GuidelineParameters)[];
  /** §7.1 keys, primary first, at most 3 (per jurisdiction where they differ). */
  sources: { US: readonly SourceKey[]; UK: readonly SourceKey[] };
  trace: RuleTrace;
  gapTopics: readonly DataGapTopic[];
  cardGroup?: CardGroup;
  /** What the recommendation says, in words for the documentation (US; UK where different). */
  recommendationText: { US: string; UK?: string };
  /** Only called when `when` holds. */
  output(f: PostcoitalBleedingFacts, p: GuidelineParameters): RuleOutput;
}

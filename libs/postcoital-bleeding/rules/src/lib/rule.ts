import type { GuidelineParameters, PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import type { Recommendation, RuleId, Urgency } from './recommendation';

/** A guideline rule: a pure function of the facts and parameters; undefined when it does not fire. */
export interface Rule {
  id: RuleId;
  /** The urgencies this rule can emit (PCB-16 has two). docs/clinical-logic.md is checked against it. */
  urgencies: readonly Urgency[];
  /** The guideline parameters its conditions use, for the clinical-logic table. */
  parameters: readonly (keyof GuidelineParameters)[];
  evaluate(facts: PostcoitalBleedingFacts, parameters: GuidelineParameters): Recommendation | undefined;
}

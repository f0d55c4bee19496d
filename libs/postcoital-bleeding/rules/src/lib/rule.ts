import type { GuidelineParameters, PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import type { Recommendation, RuleId } from './recommendation';

/** A guideline rule: a pure function of the facts and parameters; undefined when it does not fire. */
export interface Rule {
  id: RuleId;
  evaluate(facts: PostcoitalBleedingFacts, parameters: GuidelineParameters): Recommendation | undefined;
}

import type { GuidelineParameters, PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import { coreRules } from './core-rules';
import { dataQualityRules } from './data-quality-rules';
import { postmenopausalRules } from './postmenopausal-rules';
import { pregnancyRules } from './pregnancy-rules';
import type { Recommendation } from './recommendation';
import { redFlagRules } from './red-flag-rules';
import type { Rule } from './rule';
import { specialPopulationRules } from './special-population-rules';

/** §2 evaluation order: gate → data quality → core → postmenopausal → pregnancy → special → red flags. */
export const RULES: readonly Rule[] = [
  ...dataQualityRules,
  ...coreRules,
  ...postmenopausalRules,
  ...pregnancyRules,
  ...specialPopulationRules,
  ...redFlagRules,
];

/** PCB-00: evaluate only with PCB in the look-back and a female genital tract; otherwise no cards at all. */
export function gateIsOpen(facts: PostcoitalBleedingFacts): boolean {
  return facts.pcb.inLookback && facts.femaleTract;
}

/**
 * PCB-40 removes cervical screening, hCG and the endometrial work-up (no cervix, no uterus). Those
 * rules already test hasCervix/hasCorpus, so the suppression holds by construction; the others
 * (PCB-31 over 30, PCB-32 over 10/11, PCB-23 over 20, PCB-01 over 14) live in the rules' conditions.
 */
export function evaluatePostcoitalBleeding(
  facts: PostcoitalBleedingFacts,
  parameters: GuidelineParameters,
): Recommendation[] {
  if (!gateIsOpen(facts)) {
    return [];
  }
  return RULES.flatMap((rule) => rule.evaluate(facts, parameters) ?? []);
}

import type { GuidelineParameters, PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import { holds } from './condition';
import { coreRules } from './core-rules';
import { dataQualityRules } from './data-quality-rules';
import { postmenopausalRules } from './postmenopausal-rules';
import { pregnancyRules } from './pregnancy-rules';
import type { Recommendation, RuleId } from './recommendation';
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
 * §2 in two passes: which rules fire, then which of them a firing rule suppresses (PCB-32/34 over the
 * routine work-up, PCB-54 over PCB-50/51, PCB-23 over PCB-20, PCB-31 over PCB-30). PCB-40's
 * suppressions hold by construction (the rules it removes test for a cervix or uterus).
 */
export function evaluatePostcoitalBleeding(facts: PostcoitalBleedingFacts, parameters: GuidelineParameters): Recommendation[] {
  if (!gateIsOpen(facts)) {
    return [];
  }
  const firing = RULES.filter((rule) => holds(rule.when, facts, parameters));
  const suppressed = new Set<RuleId>(firing.flatMap((rule) => rule.suppresses ?? []));
  return firing.filter((rule) => !suppressed.has(rule.id)).map((rule) => recommend(rule, facts, parameters));
}

function recommend(rule: Rule, facts: PostcoitalBleedingFacts, parameters: GuidelineParameters): Recommendation {
  const out = rule.output(facts, parameters);
  const jurisdiction = parameters.jurisdiction === 'UK' ? 'UK' : 'US';
  return {
    ruleId: rule.id,
    urgency: out.urgency,
    ...(out.indicatorOverride ? { indicatorOverride: out.indicatorOverride } : {}),
    title: rule.title[jurisdiction],
    summary: out.summary,
    action: out.action,
    advice: out.advice,
    notNeeded: out.notNeeded ?? [],
    cautions: out.cautions ?? [],
    orders: out.orders,
    because: out.because,
    sources: rule.sources[jurisdiction],
    trace: rule.trace,
    gapTopics: rule.gapTopics,
    ...(rule.cardGroup ? { cardGroup: rule.cardGroup } : {}),
    ...(out.headline ? { headline: out.headline } : {}),
    ...(out.safetyNet ? { safetyNet: out.safetyNet } : {}),
    ...(out.variant ? { variant: out.variant } : {}),
  };
}

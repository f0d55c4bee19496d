import type { GuidelineParameters, PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import type { OrderKind } from '@pcb-cds/postcoital-bleeding-terminology';
import { isHaemodynamicallyUnstable, isHeavyOrUnstable, isPregnancyTestIndicated, isPregnant } from './predicates';
import type { OrderAdvice } from './recommendation';

type F = PostcoitalBleedingFacts;
type P = GuidelineParameters;

/**
 * R2-3, R2-11, R2-29, R2-31: the one hCG order when pregnancy is not excluded, the same for PCB-14 and
 * the red-flag rules so the card layout shows it once, on the most urgent card, at stat. Instability →
 * point-of-care urine hCG (ruptured ectopic until excluded); heavy bleeding → quantitative serum hCG;
 * fever or pain → urine hCG. Undefined when PCB-14's conditions do not hold, or no red flag is present.
 */
export function redFlagHcgOrder(f: F, p: P): OrderAdvice | undefined {
  if (!isPregnancyTestIndicated(f, p) || isPregnant(f)) {
    return undefined;
  }
  if (isHaemodynamicallyUnstable(f, p)) {
    return { kind: 'urine-hcg', priority: 'stat', reason: 'point-of-care: ruptured ectopic pregnancy until excluded' };
  }
  if (isHeavyOrUnstable(f)) {
    return { kind: 'serum-quantitative-hcg', priority: 'stat', reason: 'heavy bleeding, pregnancy not excluded' };
  }
  if (f.redFlags.fever || f.redFlags.pelvicPain) {
    return { kind: 'urine-hcg', priority: 'stat', reason: 'exclude ectopic pregnancy before treating as PID' };
  }
  return undefined;
}

/** R2-3: why no hCG is asked for, as a "considered, not needed now" line; undefined when one is, or she is pregnant. */
export function hcgNotNeeded(f: F, p: P): string | undefined {
  if (isPregnant(f) || isPregnancyTestIndicated(f, p)) {
    return undefined;
  }
  const age = f.ageYears;
  const why = !f.hasCorpus
    ? 'no uterus'
    : f.menopause.status === 'post'
      ? 'postmenopausal'
      : f.pregnancy.recentNegativeTest
        ? `hCG negative on ${f.pregnancy.recentNegativeTest.date}`
        : f.pregnancy.ended
          ? `pregnancy ended ${f.pregnancy.ended.weeksSince} weeks ago (hCG can stay positive)`
          : `age ${age ?? 'unknown'}`;
  return `Pregnancy test: not needed — ${why}.`;
}

/** R2-26: the test that measures this anticoagulant. */
const ANTICOAGULANT_TESTS: Record<NonNullable<F['risks']['anticoagulant']>['drugClass'], { kinds: OrderKind[]; words: string }> = {
  'vitamin-k-antagonist': { kinds: ['inr'], words: 'INR (vitamin K antagonist)' },
  'factor-xa-inhibitor': { kinds: ['anti-xa'], words: 'drug-calibrated anti-Xa (apixaban, rivaroxaban, edoxaban) per local laboratory' },
  dabigatran: { kinds: ['thrombin-time'], words: 'thrombin time / dilute thrombin time (dabigatran; anti-Xa does not measure it)' },
  'low-molecular-weight-heparin': { kinds: ['anti-xa'], words: 'LMWH-calibrated anti-Xa' },
  'unfractionated-heparin': { kinds: ['aptt'], words: 'aPTT or UFH anti-Xa' },
  unknown: { kinds: ['coagulation-screen-with-fibrinogen'], words: 'coagulation screen; identify the drug to choose its own test' },
};

/** The anticoagulant's own test (stat) and how to say it; none when not anticoagulated. */
export function anticoagulantTest(f: F, reason: string): { orders: OrderAdvice[]; words?: string } {
  const drug = f.risks.anticoagulant;
  if (!drug) {
    return { orders: [] };
  }
  const test = ANTICOAGULANT_TESTS[drug.drugClass ?? 'unknown'];
  return { orders: test.kinds.map((kind) => ({ kind, priority: 'stat' as const, reason })), words: test.words };
}

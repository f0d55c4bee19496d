import type { FactLine, OrderAdvice, Recommendation, RuleId, Urgency } from '@pcb-cds/postcoital-bleeding-rules';
import type { GuidelineDraftOrder } from './draft-order';

/** Why a draft should not be signed as it is. */
export type DraftConcern =
  // (b) redundant: a current result, an active order, or no organ to test
  | 'already-ordered'
  | 'screening-current'
  | 'no-cervix'
  | 'recent-negative-naat'
  | 'recent-negative-hcg'
  | 'pregnancy-test-not-indicated'
  | 'pregnancy-established'
  | 'no-uterus'
  | 'recent-endometrial-scan'
  // (c) advised against for this patient: replace
  | 'ecc-in-pregnancy'
  | 'endometrial-sampling-in-pregnancy'
  | 'digital-exam-known-praevia'
  | 'digital-exam-before-placenta-known'
  | 'digital-exam-gestation-unknown'
  | 'under-screening-age'
  | 'hpv-under-cotest-age'
  | 'abnormal-result-needs-colposcopy';

/** What a check finds: the concern, the rules it rests on, the advice and the facts behind it. */
export interface DraftFinding {
  concern: DraftConcern;
  /** The guideline rules that make the draft redundant or unsafe, primary first. */
  ruleIds: RuleId[];
  advice: string;
  because: FactLine[];
  /**
   * What to order instead (advised-against only), before de-duplication against the session: only an
   * order a fired rule recommends for this patient (R2-14), never a default.
   */
  replacement: OrderAdvice[];
  /**
   * The emergency the draft belongs to (a pregnancy pathway at `immediate` urgency): the card takes its
   * urgency and its action words instead of the ordinary ones.
   */
  emergency?: Recommendation;
}

/**
 * A draft the guideline speaks against. `redundant` → delete it (info); `advised-against` → delete it
 * and create the replacement in one suggestion (warning).
 */
export interface DraftVerdict extends DraftFinding {
  draft: GuidelineDraftOrder;
  verdict: 'redundant' | 'advised-against';
  /**
   * Mapped to the card indicator like a rule's urgency. A redundant draft wastes but does not harm
   * (routine → info); an advised-against draft is corrected before signing (soon → warning), unless it
   * belongs to an emergency happening now: then it is as urgent as that emergency's own card.
   */
  urgency: Urgency;
}

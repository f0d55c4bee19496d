import { gateIsOpen } from '@pcb-cds/postcoital-bleeding-rules';
import type { Recommendation } from '@pcb-cds/postcoital-bleeding-rules';
import type { DraftOrder, GuidelineDraftOrder } from './draft-order';
import { isGuidelineOrder } from './draft-order';
import type { DraftVerdict } from './draft-verdict';
import { judgeDraft } from './judge-draft';
import type { MissingStepsScope } from './missing-steps';
import { missingSteps } from './missing-steps';
import { satisfiedKinds } from './order-coverage';
import type { DraftReviewContext } from './review-context';

export interface DraftOrderReviewInput extends DraftReviewContext {
  /** Every order of the session: together they cover the work-up. */
  drafts: readonly DraftOrder[];
  /** The drafts to speak about (order-select: the selections; order-sign: all drafts). Elements of `drafts`. */
  speakTo: readonly DraftOrder[];
  missingSteps: MissingStepsScope;
}

export interface DraftOrderReview {
  /** Drafts in `speakTo` the guideline speaks against, replacements de-duplicated against the session. */
  verdicts: DraftVerdict[];
  /** Fired rules with the orders still missing (cards word them as patient-view does). */
  missing: Recommendation[];
}

const NOTHING: DraftOrderReview = { verdicts: [], missing: [] };

/**
 * The order hooks' answer as data. Silent (1) with the gate closed, like patient-view, and (2) when
 * no draft spoken about is a guideline order: signing an antibiotic, or selecting a diet, for a patient
 * with PCB is no moment to repeat the PCB work-up (guideline §0: order-select "when a PCB workup order
 * is being placed"); patient-view already showed it.
 */
export function reviewDraftOrders(input: DraftOrderReviewInput): DraftOrderReview {
  const spoken = input.speakTo.filter(isGuidelineOrder);
  if (!gateIsOpen(input.facts) || spoken.length === 0) {
    return NOTHING;
  }
  const judged = input.drafts.filter(isGuidelineOrder).map((draft) => ({ draft, verdict: judgeDraft(draft, input) }));
  // A draft the guideline speaks against covers nothing; the others are the clinician's work-up.
  const drafted = satisfiedKinds(judged.filter((j) => !j.verdict).map((j) => j.draft.kind));
  const onChart = satisfiedKinds(input.facts.activeOrders.map((o) => o.kind));
  const offered = new Set<string>();
  const verdicts: DraftVerdict[] = [];
  for (const { draft, verdict } of judged) {
    if (!verdict || !spoken.includes(draft as GuidelineDraftOrder)) {
      continue;
    }
    // A replacement is offered once per response, and never when the session or the chart has it.
    const replacement = verdict.replacement.filter((o) => !drafted.has(o.kind) && !onChart.has(o.kind) && !offered.has(o.kind));
    replacement.forEach((o) => offered.add(o.kind));
    verdicts.push({ ...verdict, replacement });
  }
  return { verdicts, missing: missingSteps(input.recommendations, { drafted, onChart, offered }, input.missingSteps) };
}

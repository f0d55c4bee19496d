import { dated } from '@pcb-cds/postcoital-bleeding-rules';
import { advisedAgainst } from './advised-against';
import type { GuidelineDraftOrder } from './draft-order';
import type { DraftVerdict } from './draft-verdict';
import { redundantByResult } from './redundant';
import type { DraftReviewContext } from './review-context';
import { activeOrderCovering, rulesAskingFor } from './review-context';

/**
 * One draft against the guideline, in order of precedence:
 * 1. advised against for this patient (safety first, even if a rule asks for that kind of order), as
 *    urgent as the emergency it belongs to;
 * 2. asked for by a fired rule → fine, unless the chart already has that order (a duplicate);
 * 3. not asked for → redundant if a current result (or the anatomy) makes it unnecessary;
 * otherwise nothing to say: the guideline is silent about it.
 */
export function judgeDraft(draft: GuidelineDraftOrder, ctx: DraftReviewContext): DraftVerdict | undefined {
  const unsafe = advisedAgainst(draft, ctx);
  if (unsafe) {
    return { ...unsafe, draft, verdict: 'advised-against', urgency: unsafe.emergency?.urgency ?? 'soon' };
  }
  const active = activeOrderCovering(ctx, draft.kind);
  const askedBy = rulesAskingFor(ctx, draft.kind);
  if (askedBy.length > 0) {
    return active
      ? {
          concern: 'already-ordered',
          ruleIds: askedBy,
          advice: `Already ordered on ${active.date}: this draft would duplicate the order on the chart.`,
          because: [dated('Already ordered', draft.display, active.date)],
          replacement: [],
          draft,
          verdict: 'redundant',
          urgency: 'routine',
        }
      : undefined;
  }
  const redundant = redundantByResult(draft, ctx);
  if (!redundant) {
    return undefined;
  }
  const because = active ? [...redundant.because, dated('Already ordered', draft.display, active.date)] : redundant.because;
  return { ...redundant, because, draft, verdict: 'redundant', urgency: 'routine' };
}

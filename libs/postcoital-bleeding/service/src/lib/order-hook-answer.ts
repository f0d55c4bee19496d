import type { Card, CdsResponse, ResolvedHookRequest } from '@pcb-cds/cds-hooks-model';
import type { CardContext } from '@pcb-cds/postcoital-bleeding-cards';
import { byIndicator, toCards, verdictCard } from '@pcb-cds/postcoital-bleeding-cards';
import { isGuidelineOrder, reviewDraftOrders } from '@pcb-cds/postcoital-bleeding-orders';
import { prefetchWithoutDrafts, readDraftOrders, selectedDrafts } from '@pcb-cds/postcoital-bleeding-record';
import type { PostcoitalBleedingSettings } from './evaluate-guideline';
import { evaluateGuideline } from './evaluate-guideline';

export type OrderHook = 'order-select' | 'order-sign';

/**
 * order-select and order-sign, on the same pipeline as patient-view (prefetch → record → facts → rules),
 * then the drafts reviewed against the fired rules (postcoital-bleeding-orders):
 * - order-select speaks to the selections (the orders just picked) and to every guideline order still
 *   missing from the whole draft set — the moment to coach the work-up.
 * - order-sign speaks to everything about to be signed, but repeats missing steps only for rules
 *   nothing being signed (or on the chart) addresses, emergencies excepted: signing is the last
 *   check, not a second patient-view.
 * Draft cards come first within an indicator: they are about what the clinician is doing right now.
 */
export function answerOrderHook(settings: PostcoitalBleedingSettings, request: ResolvedHookRequest, hook: OrderHook): CdsResponse {
  const { terminology, parameters } = settings;
  const { patientId, encounterId } = request.context;
  const drafts = readDraftOrders(request.context.draftOrders, terminology);
  const speakTo = hook === 'order-select' ? selectedDrafts(drafts, request.context.selections) : drafts;
  if (!speakTo.some(isGuidelineOrder)) {
    // reviewDraftOrders would say nothing either; skip evaluating the chart.
    return { cards: [] };
  }
  // The session's own drafts are judged from context, not counted as "already ordered" from prefetch.
  const { facts, recommendations } = evaluateGuideline(
    settings,
    prefetchWithoutDrafts(request.prefetch, drafts),
    patientId,
    request.unavailablePrefetchKeys,
  );
  const review = reviewDraftOrders({
    facts,
    parameters,
    recommendations,
    drafts,
    speakTo,
    missingSteps: hook === 'order-select' ? 'every-missing-order' : 'untouched-rules',
  });
  const ctx: CardContext = {
    patientId,
    encounterId: typeof encounterId === 'string' ? encounterId : undefined,
    facts,
    terminology,
    indicatorMap: settings.indicatorMap,
    jurisdiction: parameters.jurisdiction,
  };
  const cards: Card[] = [...review.verdicts.map((v) => verdictCard(v, ctx, parameters)), ...toCards(review.missing, ctx)];
  return { cards: cards.sort((a, b) => byIndicator(a.indicator, b.indicator)) };
}

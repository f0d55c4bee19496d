import type { GuidelineParameters, PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import type { OrderAdvice, Recommendation, RuleId } from '@pcb-cds/postcoital-bleeding-rules';
import type { OrderKind } from '@pcb-cds/postcoital-bleeding-terminology';
import { satisfiedKinds } from './order-coverage';

/** What every draft check reads: the same facts and fired rules as patient-view. */
export interface DraftReviewContext {
  facts: PostcoitalBleedingFacts;
  parameters: GuidelineParameters;
  recommendations: readonly Recommendation[];
}

export const fired = (ctx: DraftReviewContext, ruleId: RuleId): Recommendation | undefined =>
  ctx.recommendations.find((r) => r.ruleId === ruleId);

/** The order a fired rule asks for, so a replacement carries the rule's own priority and reason. */
export const orderFrom = (ctx: DraftReviewContext, ruleIds: readonly RuleId[], kind: OrderKind): OrderAdvice | undefined =>
  ruleIds.flatMap((id) => fired(ctx, id)?.orders ?? []).find((o) => o.kind === kind);

/** The fired rules that ask for an order a draft of `kind` satisfies. */
export const rulesAskingFor = (ctx: DraftReviewContext, kind: OrderKind): RuleId[] => {
  const satisfied = satisfiedKinds([kind]);
  return ctx.recommendations.filter((r) => r.orders.some((o) => satisfied.has(o.kind))).map((r) => r.ruleId);
};

/** An order already on the chart (active, on hold, or drafted outside this session) that covers `kind`. */
export const activeOrderCovering = (ctx: DraftReviewContext, kind: OrderKind): { kind: string; date: string } | undefined =>
  ctx.facts.activeOrders.find((o) => satisfiedKinds([o.kind]).has(kind));

/** PCB-34, PCB-31, PCB-32 or PCB-30: whichever pregnancy pathway fired (one does whenever pregnancy is established). */
export const pregnancyPathway = (ctx: DraftReviewContext): Recommendation | undefined =>
  fired(ctx, 'PCB-34') ?? fired(ctx, 'PCB-31') ?? fired(ctx, 'PCB-32') ?? fired(ctx, 'PCB-30');

/**
 * The pregnancy pathway when it is an emergency NOW (R2-21 `immediate`: PCB-34, PCB-31 when unstable):
 * a draft card about that pregnancy speaks with the emergency card's urgency and words, so the two never disagree.
 */
export const immediatePregnancyPathway = (ctx: DraftReviewContext): Recommendation | undefined => {
  const pathway = pregnancyPathway(ctx);
  return pathway?.urgency === 'immediate' ? pathway : undefined;
};

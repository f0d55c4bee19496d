import type { Card, FhirResourceJson, Indicator, Suggestion } from '@pcb-cds/cds-hooks-model';
import type { PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import type { OrderAdvice, Recommendation } from '@pcb-cds/postcoital-bleeding-rules';
import type { OrderKind, Terminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { cardDetail } from './card-detail';
import { draftServiceRequest } from './draft-service-request';
import { SOURCES } from './guideline-sources';
import type { IndicatorMap } from './indicator';
import { byIndicator, DEFAULT_INDICATOR_MAP, indicatorOf } from './indicator';
import { RULE_WORDING } from './rule-wording';

export const RULES_EXTENSION = 'org.pcb-cds.rules';
const SUMMARY_LIMIT = 139;
const PREGNANCY_RULES = new Set(['PCB-01', 'PCB-30', 'PCB-31', 'PCB-32', 'PCB-33']);

export interface CardContext {
  patientId: string;
  encounterId?: string;
  facts: PostcoitalBleedingFacts;
  terminology: Terminology;
  indicatorMap?: IndicatorMap;
}

interface CardPlan {
  recommendations: Recommendation[];
  indicator: Indicator;
}

/**
 * Recommendations → CDS Hooks cards (issue card contract): emergencies, referrals and every
 * warning get a card of their own; routine work-up items share one info card. Each order is
 * suggested once, on the most urgent card that asks for it, and never when already ordered.
 */
export function toCards(recommendations: Recommendation[], ctx: CardContext): Card[] {
  const map = ctx.indicatorMap ?? DEFAULT_INDICATOR_MAP;
  const plans = planCards(recommendations, ctx.terminology, map);
  const active = new Map(ctx.facts.activeOrders.map((o) => [o.kind, o.date]));
  const suggested = new Set<OrderKind>();
  return plans.map((plan) => {
    const orders = plan.recommendations.flatMap((r) => r.orders).filter((o) => !suggested.has(o.kind) && !active.has(o.kind));
    const unique = [...new Map(orders.map((o) => [o.kind, o])).values()];
    unique.forEach((o) => suggested.add(o.kind));
    const alreadyOrdered = [...new Set(plan.recommendations.flatMap((r) => r.orders.map((o) => o.kind)))]
      .filter((k) => active.has(k))
      .map((kind) => ({ kind, date: active.get(kind) as string }));
    return buildCard(plan, unique, alreadyOrdered, ctx);
  });
}

function planCards(recommendations: Recommendation[], t: Terminology, map: IndicatorMap): CardPlan[] {
  const ownCard = (r: Recommendation): boolean =>
    indicatorOf(r, map) !== 'info' || r.urgency !== 'routine' || r.orders.some((o) => t.order(o.kind).category === 'referral');
  const own = recommendations.filter(ownCard).map((r) => ({ recommendations: [r], indicator: indicatorOf(r, map) }));
  const shared = recommendations.filter((r) => !ownCard(r));
  const plans = shared.length ? [...own, { recommendations: shared, indicator: 'info' as const }] : own;
  return plans.sort((a, b) => byIndicator(a.indicator, b.indicator));
}

function buildCard(plan: CardPlan, orders: OrderAdvice[], alreadyOrdered: { kind: OrderKind; date: string }[], ctx: CardContext): Card {
  const [first] = plan.recommendations;
  const primary = SOURCES[RULE_WORDING[first.ruleId].sources[0]];
  const suggestions = orders.map((o) => suggestion(o, ctx));
  const pregnancy = plan.recommendations.some((r) => PREGNANCY_RULES.has(r.ruleId));
  return {
    summary: summary(plan),
    indicator: plan.indicator,
    detail: cardDetail(plan.recommendations, ctx.facts, alreadyOrdered, ctx.terminology),
    source: { label: primary.label, url: primary.url },
    ...(suggestions.length ? { suggestions, selectionBehavior: 'any' as const } : {}),
    ...(plan.indicator !== 'info' ? { overrideReasons: ctx.terminology.overrideReasons(pregnancy ? 'pregnancy' : 'other') } : {}),
    links: links(plan.recommendations),
    extension: { [RULES_EXTENSION]: plan.recommendations.map((r) => r.ruleId) },
  };
}

function summary(plan: CardPlan): string {
  const recs = plan.recommendations;
  if (recs.length === 1) {
    const prefix = recs[0].urgency === 'urgent' ? 'URGENT: ' : '';
    return fit(`${prefix}${RULE_WORDING[recs[0].ruleId].summary}`);
  }
  const actions = [...new Set(recs.map((r) => RULE_WORDING[r.ruleId].action))];
  return fit(`Postcoital bleeding work-up: ${actions.join('; ')}`);
}

/** Cut at the last separator that fits, so a summary never ends mid-word. */
function fit(text: string): string {
  if (text.length <= SUMMARY_LIMIT) {
    return text;
  }
  const cut = text.slice(0, SUMMARY_LIMIT - 1);
  const at = Math.max(cut.lastIndexOf('; '), cut.lastIndexOf(', '), cut.lastIndexOf(' '));
  return `${cut.slice(0, at > 0 ? at : cut.length)}…`;
}

function suggestion(order: OrderAdvice, ctx: CardContext): Suggestion {
  const code = ctx.terminology.order(order.kind);
  return {
    label: `Order: ${code.display}`,
    actions: [
      {
        type: 'create',
        description: `Draft ${order.priority === 'routine' ? '' : `${order.priority} `}order: ${code.display} (${order.reason})`,
        resource: draftServiceRequest(order, ctx, ctx.terminology) as unknown as FhirResourceJson,
      },
    ],
  };
}

function links(recommendations: Recommendation[]): Card['links'] {
  const keys = [...new Set(recommendations.flatMap((r) => RULE_WORDING[r.ruleId].sources))].slice(0, 3);
  return keys.map((k) => ({ label: SOURCES[k].label, url: SOURCES[k].url, type: 'absolute' as const }));
}

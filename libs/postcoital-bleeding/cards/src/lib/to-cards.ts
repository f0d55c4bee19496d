import type { Card, FhirResourceJson, Suggestion } from '@pcb-cds/cds-hooks-model';
import type { DataGap, PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import type { OrderAdvice, Recommendation } from '@pcb-cds/postcoital-bleeding-rules';
import type { OrderKind, Terminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { cardDetail } from './card-detail';
import type { CardPlan } from './card-plan';
import { planCards } from './card-plan';
import { primarySource, RULES_EXTENSION, sourceLinks, traceExtension } from './card-sources';
import { draftServiceRequest } from './draft-service-request';
import type { IndicatorMap } from './indicator';
import { DEFAULT_INDICATOR_MAP, withUrgencyPrefix } from './indicator';

export { RULES_EXTENSION, TRACE_EXTENSION } from './card-sources';

/** CDS Hooks asks for a summary under 140 characters. */
export const SUMMARY_LIMIT = 139;
const PREGNANCY_RULES = new Set(['PCB-01', 'PCB-30', 'PCB-31', 'PCB-32', 'PCB-33', 'PCB-34']);

export interface CardContext {
  patientId: string;
  encounterId?: string;
  facts: PostcoitalBleedingFacts;
  terminology: Terminology;
  indicatorMap?: IndicatorMap;
  /** The reason-code system (R2-27: WHO ICD-10 in the UK) and the words of order names (R2-13); US when absent. */
  jurisdiction?: 'US' | 'UK';
}

/**
 * Recommendations → CDS Hooks cards (card contract, R2-15). Layout only: the words come from the
 * rules. Each order is suggested once, on the most urgent card that asks for it, and never when
 * already ordered; each data gap is shown once, on the first card whose rules use its topic.
 */
export function toCards(recommendations: Recommendation[], ctx: CardContext): Card[] {
  const map = ctx.indicatorMap ?? DEFAULT_INDICATOR_MAP;
  const plans = planCards(recommendations, ctx.terminology, map);
  const gaps = assignGaps(plans, ctx.facts.dataGaps ?? []);
  const active = new Map(ctx.facts.activeOrders.map((o) => [o.kind, o.date]));
  const suggested = new Set<OrderKind>();
  return plans.map((plan, i) => {
    const asked = [...new Set(plan.recommendations.flatMap((r) => r.orders.map((o) => o.kind)))];
    const orderedAbove = asked.filter((k) => suggested.has(k) && !active.has(k));
    const orders = plan.recommendations.flatMap((r) => r.orders).filter((o) => !suggested.has(o.kind) && !active.has(o.kind));
    const unique = [...new Map(orders.map((o) => [o.kind, o])).values()];
    unique.forEach((o) => suggested.add(o.kind));
    const alreadyOrdered = [...new Set(plan.recommendations.flatMap((r) => r.orders.map((o) => o.kind)))]
      .filter((k) => active.has(k))
      .map((kind) => ({ kind, date: active.get(kind) as string }));
    return buildCard(plan, unique, { gaps: gaps[i], alreadyOrdered, orderedAbove }, ctx);
  });
}

interface CardExtras {
  gaps: DataGap[];
  alreadyOrdered: { kind: OrderKind; date: string }[];
  /** Orders this card's rules ask for that a more urgent card above already suggests. */
  orderedAbove: OrderKind[];
}

function buildCard(plan: CardPlan, orders: OrderAdvice[], extras: CardExtras, ctx: CardContext): Card {
  const recs = plan.recommendations;
  const sources = recs.flatMap((r) => r.sources);
  const suggestions = orders.map((o) => suggestion(o, ctx));
  const pregnancy = recs.some((r) => PREGNANCY_RULES.has(r.ruleId));
  return {
    summary: summary(plan),
    indicator: plan.indicator,
    detail: cardDetail({ recommendations: recs, facts: ctx.facts, ...extras, jurisdiction: ctx.jurisdiction }, ctx.terminology),
    source: primarySource(sources),
    ...(suggestions.length ? { suggestions, selectionBehavior: 'any' as const } : {}),
    ...(plan.indicator !== 'info' ? { overrideReasons: ctx.terminology.overrideReasons(pregnancy ? 'pregnancy' : 'other') } : {}),
    ...(sourceLinks(sources).length ? { links: sourceLinks(sources) } : {}),
    extension: {
      [RULES_EXTENSION]: recs.map((r) => r.ruleId),
      ...traceExtension(recs),
    },
  };
}

function summary(plan: CardPlan): string {
  const [first, ...others] = plan.recommendations;
  if (plan.kind !== 'work-up' || others.length === 0) {
    return fit(withUrgencyPrefix(first.summary, first.urgency));
  }
  const actions = [...new Set(plan.recommendations.map((r) => r.action))];
  const headline = plan.recommendations.find((r) => r.headline)?.headline ?? 'Postcoital bleeding';
  return fit(`${headline} — work-up: ${actions.join('; ')}`);
}

/** Each gap on the first card whose rules declare its topic; a gap no card declares goes on the work-up card (or the first). */
function assignGaps(plans: CardPlan[], gaps: DataGap[]): DataGap[][] {
  const out = plans.map((): DataGap[] => []);
  const fallback = Math.max(
    0,
    plans.findIndex((p) => p.recommendations.some((r) => r.ruleId === 'PCB-10')),
  );
  for (const gap of gaps) {
    const at = plans.findIndex((p) => p.recommendations.some((r) => r.gapTopics.includes(gap.topic)));
    if (plans.length) {
      out[at >= 0 ? at : fallback].push(gap);
    }
  }
  return out;
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
  const code = ctx.terminology.order(order.kind, ctx.jurisdiction);
  return {
    label: `Order: ${code.text}`,
    actions: [
      {
        type: 'create',
        description: `Draft ${order.priority === 'routine' ? '' : `${order.priority} `}order: ${code.text} (${order.reason})`,
        resource: draftServiceRequest(order, ctx, ctx.terminology) as unknown as FhirResourceJson,
      },
    ],
  };
}

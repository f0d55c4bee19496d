import type { Recommendation, Urgency } from '@pcb-cds/postcoital-bleeding-rules';
import { ANY_ONE_ORDER_SUFFICES } from './order-coverage';

/**
 * How much of the guideline's missing work-up an order hook repeats.
 * - `every-missing-order` (order-select): every order a fired rule asks for that nothing covers yet.
 * - `untouched-rules` (order-sign): only rules the clinician has not addressed at all — none of their
 *   orders is in the signing set or on the chart. A rule the clinician chose part of (an obstetric
 *   ultrasound but not the referral) was a decision, and signing is not the moment to reopen it;
 *   order-select already offered the rest. Emergencies (same day, or now) are the exception: an
 *   emergency referral is never left out because another of the rule's orders is being signed.
 */
export type MissingStepsScope = 'every-missing-order' | 'untouched-rules';

const SAME_DAY_OR_SOONER: ReadonlySet<Urgency> = new Set<Urgency>(['emergency', 'immediate']);

/** What already covers an order kind. */
export interface OrderCoverage {
  /** Kinds the clinician's own drafts satisfy (drafts judged redundant or unsafe excluded). */
  drafted: ReadonlySet<string>;
  /** Kinds already on the chart (active, on hold, or drafted outside this session). */
  onChart: ReadonlySet<string>;
  /** Kinds this response already suggests as a replacement on a draft's card. */
  offered: ReadonlySet<string>;
}

/**
 * (a) Fired rules with orders still missing, each reduced to exactly the orders to suggest. Rules
 * without orders (history, advice) are not repeated: an order hook speaks about orders.
 */
export function missingSteps(
  recommendations: readonly Recommendation[],
  coverage: OrderCoverage,
  scope: MissingStepsScope,
): Recommendation[] {
  const byClinician = (kind: string): boolean => coverage.drafted.has(kind) || coverage.onChart.has(kind);
  const covered = (kind: string): boolean => byClinician(kind) || coverage.offered.has(kind);
  return recommendations.flatMap((r) => {
    if (ANY_ONE_ORDER_SUFFICES.has(r.ruleId) && r.orders.some((o) => covered(o.kind))) {
      return [];
    }
    if (scope === 'untouched-rules' && !SAME_DAY_OR_SOONER.has(r.urgency) && r.orders.some((o) => byClinician(o.kind))) {
      return [];
    }
    const orders = r.orders.filter((o) => !covered(o.kind));
    return orders.length > 0 ? [{ ...r, orders }] : [];
  });
}

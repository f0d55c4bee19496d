import type { Indicator } from '@pcb-cds/cds-hooks-model';
import type { Recommendation } from '@pcb-cds/postcoital-bleeding-rules';
import type { Terminology } from '@pcb-cds/postcoital-bleeding-terminology';
import type { IndicatorMap } from './indicator';
import { byIndicator, byUrgency, indicatorOf } from './indicator';

export interface CardPlan {
  kind: 'own' | 'work-up' | 'colposcopy';
  /** Most urgent first. */
  recommendations: Recommendation[];
  indicator: Indicator;
}

/**
 * Which recommendations share a card: emergencies, referrals and every warning get a card of their
 * own; the colposcopy rules share one card per patient (R2-15); routine work-up items share one info
 * card. Cards are ordered most urgent first (immediate before same-day within the critical ones).
 */
export function planCards(recommendations: Recommendation[], t: Terminology, map: IndicatorMap): CardPlan[] {
  const colposcopy = recommendations.filter((r) => r.cardGroup === 'colposcopy');
  const rest = recommendations.filter((r) => r.cardGroup !== 'colposcopy');
  const ownCard = (r: Recommendation): boolean =>
    indicatorOf(r, map) !== 'info' || r.urgency !== 'routine' || r.orders.some((o) => t.order(o.kind).category === 'referral');
  const plans: CardPlan[] = rest
    .filter(ownCard)
    .map((r) => ({ kind: 'own' as const, recommendations: [r], indicator: indicatorOf(r, map) }));
  if (colposcopy.length) {
    const sorted = [...colposcopy].sort((a, b) => byUrgency(a.urgency, b.urgency));
    plans.push({ kind: 'colposcopy', recommendations: sorted, indicator: sorted.map((r) => indicatorOf(r, map)).sort(byIndicator)[0] });
  }
  const shared = rest.filter((r) => !ownCard(r));
  if (shared.length) {
    plans.push({ kind: 'work-up', recommendations: shared, indicator: 'info' });
  }
  return plans.sort(
    (a, b) => byIndicator(a.indicator, b.indicator) || byUrgency(a.recommendations[0].urgency, b.recommendations[0].urgency),
  );
}

import type { Indicator } from '@pcb-cds/cds-hooks-model';
import type { Recommendation, Urgency } from '@pcb-cds/postcoital-bleeding-rules';

/** §0 urgency → indicator (configurable `indicatorMap`). */
export type IndicatorMap = Record<Urgency, Indicator>;

export const DEFAULT_INDICATOR_MAP: IndicatorMap = {
  routine: 'info',
  soon: 'warning',
  urgent: 'warning',
  emergency: 'critical',
  immediate: 'critical',
};

const RANK: Record<Indicator, number> = { critical: 0, warning: 1, info: 2 };
const URGENCY_RANK: Record<Urgency, number> = { immediate: 0, emergency: 1, urgent: 2, soon: 3, routine: 4 };

export function indicatorOf(r: Recommendation, map: IndicatorMap): Indicator {
  return r.indicatorOverride ?? map[r.urgency];
}

/** Most urgent first. */
export function byIndicator(a: Indicator, b: Indicator): number {
  return RANK[a] - RANK[b];
}

/** Most urgent first (immediate before emergency within the critical cards). */
export function byUrgency(a: Urgency, b: Urgency): number {
  return URGENCY_RANK[a] - URGENCY_RANK[b];
}

/** R2-21: a card's summary starts with its urgency ("URGENT:", "IMMEDIATE:" or the rule's "EMERGENCY:"). */
export function withUrgencyPrefix(summary: string, urgency: Urgency): string {
  if (urgency === 'immediate') {
    return /^(IMMEDIATE|EMERGENCY): /.test(summary) ? summary : `IMMEDIATE: ${summary}`;
  }
  if (urgency === 'urgent') {
    return summary.startsWith('URGENT: ') ? summary : `URGENT: ${summary}`;
  }
  return summary;
}

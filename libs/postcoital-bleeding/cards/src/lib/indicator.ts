import type { Indicator } from '@pcb-cds/cds-hooks-model';
import type { Recommendation, Urgency } from '@pcb-cds/postcoital-bleeding-rules';

/** §0 urgency → indicator (configurable `indicatorMap`). */
export type IndicatorMap = Record<Urgency, Indicator>;

export const DEFAULT_INDICATOR_MAP: IndicatorMap = {
  routine: 'info',
  soon: 'warning',
  urgent: 'warning',
  emergency: 'critical',
};

const RANK: Record<Indicator, number> = { critical: 0, warning: 1, info: 2 };

export function indicatorOf(r: Recommendation, map: IndicatorMap): Indicator {
  return r.indicatorOverride ?? map[r.urgency];
}

/** Most urgent first. */
export function byIndicator(a: Indicator, b: Indicator): number {
  return RANK[a] - RANK[b];
}

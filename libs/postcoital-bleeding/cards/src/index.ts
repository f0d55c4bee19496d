export { toCards } from './lib/to-cards';
export type { CardContext } from './lib/to-cards';
export { verdictCard } from './lib/order-verdict-card';
export { byIndicator, DEFAULT_INDICATOR_MAP } from './lib/indicator';
export type { IndicatorMap } from './lib/indicator';
export { RULES_EXTENSION } from './lib/card-sources';

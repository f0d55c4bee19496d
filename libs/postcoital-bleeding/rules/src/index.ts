export { RULE_IDS, URGENCIES } from './lib/recommendation';
export type { FactLine, OrderAdvice, Recommendation, RuleId, RuleTrace, Urgency } from './lib/recommendation';
export { CITATIONS, MAX_SOURCES_PER_CARD, SEEDS } from './lib/citations';
export type { SourceKey } from './lib/citations';
export { evaluatePostcoitalBleeding, gateIsOpen, RULES } from './lib/evaluate-postcoital-bleeding';
// Shared with the order hooks (postcoital-bleeding-orders), so a draft order is judged by the same
// guideline conditions and its card shows the same fact wording as the rules' own cards.
export { hasEpisodeScan, hasRecentNegativeNaat, isLatePregnancy, isPregnancyTestIndicated, isPregnant } from './lib/predicates';
export { ageLine, ago, dated, elapsed, hysterectomyLine, menopauseLine, naatLine, pregnancyLine, screeningLine } from './lib/fact-lines';
export { wordsFor } from './lib/words';

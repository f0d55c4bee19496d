export * from './lib/recommendation';
export * from './lib/rule';
export * from './lib/condition';
export * from './lib/citations';
export * from './lib/evaluate-postcoital-bleeding';
export * from './lib/clinical-logic-document';
// Shared with the order hooks (postcoital-bleeding-orders), so a draft order is judged by the same
// guideline conditions and its card shows the same fact wording as the rules' own cards.
export * from './lib/predicates';
export * from './lib/fact-lines';
export * from './lib/words';

import type { FeedbackStatistics } from './feedback-records';
import type { FeedbackReport } from './feedback-report';
import { summarise } from './feedback-report';
import { renderFeedbackReport } from './render-feedback-report';

const S = 'http://example.org/reasons';

const stats: FeedbackStatistics = {
  cardsIssued: 5,
  feedback: 6,
  feedbackOnUnknownCards: 1,
  rules: [
    { ruleId: 'PCB-10', cardsIssued: 3, feedback: 4, accepted: 1, overridden: 3 },
    { ruleId: 'PCB-20', cardsIssued: 2, feedback: 0, accepted: 0, overridden: 0 },
  ],
  overrideReasons: [
    { ruleId: 'PCB-10', system: S, code: 'a', display: 'A | pipe', count: 2 },
    { ruleId: 'PCB-10', count: 1 },
    { ruleId: 'PCB-10', system: S, code: 'b', count: 1 },
    { ruleId: 'PCB-10', system: S, code: 'c', display: 'C', count: 1 },
  ],
};

describe('summarise', () => {
  it('computes rates over the feedback entries and keeps the top reasons, most frequent first', () => {
    const report = summarise(stats, 3);
    expect(report.rules[0]).toEqual({
      ruleId: 'PCB-10',
      cardsIssued: 3,
      feedback: 4,
      accepted: 1,
      overridden: 3,
      acceptanceRate: 0.25,
      overrideRate: 0.75,
      topOverrideReasons: [{ system: S, code: 'a', display: 'A | pipe', count: 2 }, { count: 1 }, { system: S, code: 'b', count: 1 }],
    });
  });

  it('has no rate for a rule without feedback', () => {
    expect(summarise(stats).rules[1]).toMatchObject({ acceptanceRate: null, overrideRate: null, topOverrideReasons: [] });
  });
});

describe('renderFeedbackReport', () => {
  it('renders a markdown table, one row per rule, cells escaped', () => {
    const text = renderFeedbackReport(summarise(stats, 2));
    expect(text.split('\n')).toEqual([
      '# Card feedback by rule',
      '',
      '5 cards issued, 6 feedback entries (1 on cards not in the ledger, not tied to rules).',
      '',
      '| Rule | Cards issued | Feedback | Accepted | Overridden | Acceptance rate | Override rate | Top override reasons |',
      '|---|---:|---:|---:|---:|---:|---:|---|',
      '| PCB-10 | 3 | 4 | 1 | 3 | 25% | 75% | a "A \\| pipe" ×2; (no coded reason) ×1 |',
      '| PCB-20 | 2 | 0 | 0 | 0 | — | — | — |',
      '',
      'Rates are shares of the feedback entries on cards carrying the rule; a card with several rules counts for each.',
      '',
    ]);
  });

  it('says so when nothing was recorded', () => {
    const empty: FeedbackReport = { cardsIssued: 0, feedback: 0, feedbackOnUnknownCards: 0, rules: [] };
    expect(renderFeedbackReport(empty)).toBe(
      '# Card feedback by rule\n\n0 cards issued, 0 feedback entries.\n\nNo issued cards with rules recorded yet.\n',
    );
  });
});

import type { FeedbackStatistics, RuleOverrideReasonCount } from './feedback-records';
import type { FeedbackRepository } from './feedback.repository';

export interface OverrideReasonSummary {
  /** Absent when the clinician gave no coded reason (a comment only, or nothing). */
  system?: string;
  code?: string;
  display?: string;
  count: number;
}

export interface RuleFeedbackSummary {
  ruleId: string;
  cardsIssued: number;
  /** Feedback entries on the rule's cards. */
  feedback: number;
  accepted: number;
  overridden: number;
  /** accepted / feedback; null when there is no feedback. */
  acceptanceRate: number | null;
  /** overridden / feedback; null when there is no feedback. */
  overrideRate: number | null;
  /** Most frequent first, at most `topReasons`. */
  topOverrideReasons: OverrideReasonSummary[];
}

export interface FeedbackReport {
  cardsIssued: number;
  feedback: number;
  /** Stored but not tied to rules: their card uuid was never recorded as issued. */
  feedbackOnUnknownCards: number;
  rules: RuleFeedbackSummary[];
}

export const DEFAULT_TOP_REASONS = 3;

/**
 * Per rule: cards issued, feedback, accepted, overridden, rates and the top override reasons. A card
 * carrying several rules counts for each of them. Comments are never part of the report.
 */
export async function feedbackReport(repository: FeedbackRepository, options: { topReasons?: number } = {}): Promise<FeedbackReport> {
  return summarise(await repository.statistics(), options.topReasons ?? DEFAULT_TOP_REASONS);
}

export function summarise(stats: FeedbackStatistics, topReasons = DEFAULT_TOP_REASONS): FeedbackReport {
  const reasonsByRule = new Map<string, RuleOverrideReasonCount[]>();
  for (const reason of stats.overrideReasons) {
    reasonsByRule.set(reason.ruleId, [...(reasonsByRule.get(reason.ruleId) ?? []), reason]);
  }
  return {
    cardsIssued: stats.cardsIssued,
    feedback: stats.feedback,
    feedbackOnUnknownCards: stats.feedbackOnUnknownCards,
    rules: stats.rules.map((rule) => ({
      ...rule,
      acceptanceRate: rate(rule.accepted, rule.feedback),
      overrideRate: rate(rule.overridden, rule.feedback),
      // Statistics come sorted by count within a rule.
      topOverrideReasons: (reasonsByRule.get(rule.ruleId) ?? []).slice(0, topReasons).map(withoutRule),
    })),
  };
}

function withoutRule(reason: RuleOverrideReasonCount): OverrideReasonSummary {
  const summary: OverrideReasonSummary = { count: reason.count };
  if (reason.system !== undefined) {
    summary.system = reason.system;
  }
  if (reason.code !== undefined) {
    summary.code = reason.code;
  }
  if (reason.display !== undefined) {
    summary.display = reason.display;
  }
  return summary;
}

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

import type { CardMemoryKey, RememberedFeedback } from './card-memory-records';
import type { CardMemoryPolicy } from './card-memory-policy';
import { DAY_MS, lookbackDays } from './card-memory-policy';

/** What card memory does with one card. */
export type RecallDecision =
  | { kind: 'show' }
  /** Shown, with what clinicians did before (an urgent card is never held back, but says it was dismissed). */
  | { kind: 'show-with-note'; note: string }
  | { kind: 'hold-back'; reasonCode: string; reasonDisplay?: string; decidedAt: string; until: string };

export interface CardToRecall extends CardMemoryKey {
  ruleIds: readonly string[];
}

/**
 * Pure: one card against the patient's earlier feedback (same service), at `now`.
 * - Same rules *and* same evidence, overridden with a reason whose window (policy) has not run out → held back
 *   until the latest such window ends. Different evidence (a new result, episode, pregnancy status) → shown.
 * - Same rules, a suggestion accepted within `acceptedSuggestionDays` → held back (the order may not be in the
 *   EHR yet, so the evidence may not have changed; once it is, the rules see the order).
 * - Never-hidden urgencies are shown whatever happened; when overridden or accepted before (within the
 *   lookback), the card says so.
 * A card without rule ids, or without an evidence hash (e.g. order-hook verdicts), is shown unchanged.
 */
export function decideRecall(
  card: CardToRecall,
  history: readonly RememberedFeedback[],
  policy: CardMemoryPolicy,
  now: Date,
): RecallDecision {
  const rules = ruleKey(card.ruleIds);
  if (rules === '' || card.evidenceHash === undefined) {
    return { kind: 'show' }; // memory is opt-in per card: a service that gives no evidence hash is never held back
  }
  const sameRules = history.filter((h) => ruleKey(h.ruleIds) === rules);
  const lookbackStart = now.getTime() - lookbackDays(policy) * DAY_MS;
  if (card.urgency !== undefined && policy.neverHiddenUrgencies.includes(card.urgency)) {
    const last = [...sameRules].reverse().find((h) => Date.parse(h.receivedAt) >= lookbackStart);
    return last ? { kind: 'show-with-note', note: noteFor(last) } : { kind: 'show' };
  }
  let hold: Extract<RecallDecision, { kind: 'hold-back' }> | undefined;
  for (const h of sameRules) {
    const days = windowDays(h, card, policy);
    const until = Date.parse(h.receivedAt) + days * DAY_MS;
    if (days > 0 && until > now.getTime() && (!hold || until > Date.parse(hold.until))) {
      hold = {
        kind: 'hold-back',
        reasonCode: h.outcome === 'accepted' ? 'accepted' : (h.reasonCode as string),
        ...(h.reasonDisplay !== undefined ? { reasonDisplay: h.reasonDisplay } : {}),
        decidedAt: h.receivedAt,
        until: new Date(until).toISOString(),
      };
    }
  }
  return hold ?? { kind: 'show' };
}

/** Days this earlier feedback holds the card back (0: it does not). */
function windowDays(h: RememberedFeedback, card: CardToRecall, policy: CardMemoryPolicy): number {
  if (h.outcome === 'accepted') {
    return policy.acceptedSuggestionDays;
  }
  const sameEvidence = card.evidenceHash !== undefined && h.evidenceHash === card.evidenceHash;
  return sameEvidence && h.reasonCode !== undefined ? (policy.overrideReasonDays[h.reasonCode] ?? 0) : 0;
}

function noteFor(h: RememberedFeedback): string {
  const day = h.receivedAt.slice(0, 10);
  if (h.outcome === 'accepted') {
    return `Suggestion accepted on ${day}.`;
  }
  return `Dismissed on ${day}: ${h.reasonDisplay ?? h.reasonCode ?? 'no reason given'}.`;
}

/** Rules compared as a set: the card's order of rules is layout, not meaning. */
export function ruleKey(ruleIds: readonly string[]): string {
  return [...new Set(ruleIds)].sort().join(' ');
}

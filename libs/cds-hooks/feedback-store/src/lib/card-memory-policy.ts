/** How long card memory holds cards back (the guideline's configuration file sets it; README "Card memory"). */
export interface CardMemoryPolicy {
  /**
   * Per override reason code: days a card overridden with it is held back for the same patient, rules and
   * evidence. A code not listed, or 0, holds nothing back; an override without a coded reason neither.
   */
  overrideReasonDays: Readonly<Record<string, number>>;
  /** Days after a clinician accepted a card's suggestion that a card of the same rules is not shown again; 0: off. */
  acceptedSuggestionDays: number;
  /** Urgencies never held back (their card says when it was dismissed instead). */
  neverHiddenUrgencies: readonly string[];
}

export const DAY_MS = 86_400_000;

/** The longest window: how far back the recall query looks. */
export function lookbackDays(policy: CardMemoryPolicy): number {
  return Math.max(0, policy.acceptedSuggestionDays, ...Object.values(policy.overrideReasonDays));
}

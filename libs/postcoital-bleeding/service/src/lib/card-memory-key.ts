import { createHash } from 'node:crypto';
import type { Card } from '@pcb-cds/cds-hooks-model';
import { RULES_EXTENSION } from '@pcb-cds/postcoital-bleeding-cards';
import type { PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import type { Recommendation, Urgency } from '@pcb-cds/postcoital-bleeding-rules';
import { URGENCIES } from '@pcb-cds/postcoital-bleeding-rules';

/** Where each card carries what card memory compares (read by the feedback store's DurableCardMemory). */
export const CARD_MEMORY_EXTENSION = 'org.pcb-cds.memory';

/**
 * Elapsed-time wording ("3 weeks ago", "for 2 months", "today"): it changes every day with nothing new in the
 * record, so it is not evidence. The dates beside it are, and stay in the hash.
 */
const ELAPSED = /\b(?:today|yesterday|in the future|\d+ (?:day|week|month|year)s?(?: ago)?)\b/g;

/**
 * Adds `extension["org.pcb-cds.memory"] = { evidenceHash, urgency, jurisdiction }` to each card. The evidence
 * hash is SHA-256 over the card's rules (as a set) and, for each of their recommendations, the facts it rests
 * on (`because`: label, value without elapsed-time wording, date), plus the episode start and the pregnancy
 * status with the dates of its evidence (the latest positive and negative tests): a change of pregnancy status is
 * new evidence whichever rule fired.
 * A new result, a new episode or a changed pregnancy status changes the hash; the passing of time does not.
 * Pure (no I/O): a step after the cards.
 */
export function withCardMemoryKeys(
  cards: Card[],
  recommendations: readonly Recommendation[],
  facts: PostcoitalBleedingFacts,
  jurisdiction: string,
): Card[] {
  return cards.map((card) => {
    const ruleIds = new Set((card.extension?.[RULES_EXTENSION] as string[] | undefined) ?? []);
    const recs = recommendations.filter((r) => ruleIds.has(r.ruleId));
    if (recs.length === 0) {
      return card;
    }
    return {
      ...card,
      extension: {
        ...(card.extension ?? {}),
        [CARD_MEMORY_EXTENSION]: { evidenceHash: evidenceHash(recs, facts), urgency: mostUrgent(recs), jurisdiction },
      },
    };
  });
}

export function evidenceHash(recs: readonly Recommendation[], facts: PostcoitalBleedingFacts): string {
  const evidence = {
    rules: [...new Set(recs.map((r) => r.ruleId))].sort(),
    because: recs
      .flatMap((r) => r.because.map((line) => [line.label, line.value.replace(ELAPSED, '…'), line.date ?? '']))
      .map((line) => JSON.stringify(line))
      .sort(),
    episode: facts.pcb.start ?? null,
    pregnancy: [facts.pregnancy.status, facts.pregnancy.evidenceDate ?? null, facts.pregnancy.recentNegativeTest?.date ?? null],
  };
  return createHash('sha256').update(JSON.stringify(evidence)).digest('hex');
}

function mostUrgent(recs: readonly Recommendation[]): Urgency {
  return recs.map((r) => r.urgency).reduce((a, b) => (URGENCIES.indexOf(b) > URGENCIES.indexOf(a) ? b : a));
}

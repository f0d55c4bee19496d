import type { Card } from '@pcb-cds/cds-hooks-model';
import type { CardMemoryKey } from './card-memory-records';

/** Where the guideline's cards carry what card memory compares (see CardMemoryKey). */
export const CARD_MEMORY_EXTENSION = 'org.pcb-cds.memory';

/** The response-level extension saying which cards were held back. */
export const SUPPRESSED_EXTENSION = 'org.pcb-cds.suppressed';

export type CardMemoryKeyExtractor = (card: Card) => CardMemoryKey;

/** Default: `card.extension["org.pcb-cds.memory"]` (`{ evidenceHash, jurisdiction, urgency }`), strings only. */
export const defaultCardMemoryKey: CardMemoryKeyExtractor = (card) => {
  const value = card.extension?.[CARD_MEMORY_EXTENSION];
  if (typeof value !== 'object' || value === null) {
    return {};
  }
  const v = value as Record<string, unknown>;
  return {
    ...(typeof v['evidenceHash'] === 'string' ? { evidenceHash: v['evidenceHash'] } : {}),
    ...(typeof v['jurisdiction'] === 'string' ? { jurisdiction: v['jurisdiction'] } : {}),
    ...(typeof v['urgency'] === 'string' ? { urgency: v['urgency'] } : {}),
  };
};

import type { IssuedCards } from './cds-service.port';
import type { Card } from './wire-types';

/** What card memory decided for one response: the cards to send, and what the response says it held back. */
export interface RecalledCards {
  cards: Card[];
  /** Response-level extension entries (e.g. what was held back); absent when there is nothing to say. */
  extension?: Record<string, unknown>;
}

/**
 * A step after the service's cards and before the response: what clinicians already did with these cards for
 * this patient (overridden with a reason, accepted) may hold a card back or add to it. Default: none (every
 * card is sent). A failure must cost nothing but the memory: the caller then sends the cards unchanged.
 */
export abstract class CardMemory {
  abstract recall(issued: IssuedCards): Promise<RecalledCards>;
}

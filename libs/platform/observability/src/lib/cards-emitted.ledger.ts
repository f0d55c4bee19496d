import type { CardRuleExtractor, ObservabilityMetrics } from './observability.metrics';

/** The part of a "cards issued" report this adapter reads (the CDS Hooks CardLedger port has this shape). */
export interface IssuedCardsLike<C> {
  serviceId: string;
  cards: readonly C[];
}

/** Structurally a CardLedger: `recordIssued(issued): Promise<void>`. */
export interface CardsLedgerLike<C, I extends IssuedCardsLike<C> = IssuedCardsLike<C>> {
  recordIssued(issued: I): Promise<void>;
}

/**
 * A CardLedger-shaped adapter: counts the issued cards into `cds_cards_emitted_total`, then hands them to
 * `next` (e.g. the durable ledger) when there is one. Counting first: the cards went out even if `next` fails,
 * and `next`'s failure still reaches the caller (which logs it).
 */
export function cardsEmittedLedger<C, I extends IssuedCardsLike<C> = IssuedCardsLike<C>>(
  metrics: ObservabilityMetrics,
  ruleExtractor: CardRuleExtractor<C>,
  next?: CardsLedgerLike<C, I>,
): CardsLedgerLike<C, I> {
  return {
    async recordIssued(issued: I): Promise<void> {
      metrics.recordCardsEmitted(issued.serviceId, issued.cards, ruleExtractor);
      if (next) {
        await next.recordIssued(issued);
      }
    },
  };
}

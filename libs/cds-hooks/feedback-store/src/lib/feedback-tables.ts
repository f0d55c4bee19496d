/** Table names shared by the adapters (prefixed so they can live in a shared database or schema). */
export const TABLES = {
  issuedCard: 'cds_issued_card',
  issuedCardRule: 'cds_issued_card_rule',
  feedback: 'cds_feedback',
} as const;

/** Table names shared by the adapters (prefixed so they can live in a shared database or schema). */
export const TABLES = {
  issuedCard: 'cds_issued_card',
  feedback: 'cds_feedback',
} as const;

/**
 * Tables of earlier schemas, named only so that opening an old database can migrate them away: rule ids had a
 * table of their own (a row per card and rule) until they moved onto the card row (`rule_ids`), because those
 * per-rule inserts dominated the ledger's cost.
 */
export const LEGACY_TABLES = {
  issuedCardRule: 'cds_issued_card_rule',
} as const;

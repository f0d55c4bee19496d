import type { Card } from '@pcb-cds/cds-hooks-model';

/** What a card rests on, for the report (e.g. guideline rule ids). */
export type RuleIdExtractor = (card: Card) => string[];

/** The extension under which the PCB guideline's cards list their rules. */
export const PCB_RULES_EXTENSION = 'org.pcb-cds.rules';

/** Reads a string array from `card.extension[key]`; anything else there counts as no rules. Deduplicated. */
export function ruleIdsFromExtension(key: string): RuleIdExtractor {
  return (card: Card): string[] => {
    const value = card.extension?.[key];
    if (!Array.isArray(value)) {
      return [];
    }
    const ids = value.filter((id): id is string => typeof id === 'string' && id.length > 0);
    return [...new Set(ids)];
  };
}

/** Default: `card.extension["org.pcb-cds.rules"]`. */
export const defaultRuleIds: RuleIdExtractor = ruleIdsFromExtension(PCB_RULES_EXTENSION);

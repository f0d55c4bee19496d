import type { RuleId } from '@pcb-cds/postcoital-bleeding-rules';

/**
 * Orders that answer another kind's need too: a quantitative serum hCG answers the pregnancy test
 * PCB-14 asks for (the reverse does not hold: PCB-31/50 need the number).
 */
const ALSO_SATISFIES: Readonly<Record<string, readonly string[]>> = {
  'serum-quantitative-hcg': ['urine-hcg'],
};

/**
 * Rules whose orders are alternatives, not a set: PCB-20 asks for transvaginal ultrasound OR an
 * endometrial biopsy; PCB-25 for endometrial sampling ± ultrasound (either starts the endometrial
 * evaluation, whose result leads on). Any one of their orders addresses the rule.
 */
export const ANY_ONE_ORDER_SUFFICES: ReadonlySet<RuleId> = new Set<RuleId>(['PCB-20', 'PCB-25']);

/** The order kinds a set of orders satisfies: themselves and what they also answer. */
export function satisfiedKinds(kinds: Iterable<string>): Set<string> {
  const satisfied = new Set<string>();
  for (const kind of kinds) {
    satisfied.add(kind);
    for (const other of ALSO_SATISFIES[kind] ?? []) {
      satisfied.add(other);
    }
  }
  return satisfied;
}

import type { GuidelineParameters, PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';

type F = PostcoitalBleedingFacts;
type P = GuidelineParameters;

/**
 * A named guideline condition: what it tests, in words a clinician reads (docs/clinical-logic.md is
 * generated from them), and where the guideline states it.
 */
export interface Predicate {
  kind: 'predicate';
  name: string;
  describe: (p: P) => string;
  /** Guideline section or source key where the condition is stated. */
  cites: string;
  test: (f: F, p: P) => boolean;
}

export type Condition = Predicate | { kind: 'all'; of: Condition[] } | { kind: 'any'; of: Condition[] } | { kind: 'not'; of: Condition };

export function predicate(name: string, cites: string, describe: string | ((p: P) => string), test: (f: F, p: P) => boolean): Predicate {
  return { kind: 'predicate', name, cites, describe: typeof describe === 'string' ? () => describe : describe, test };
}

export const all = (...of: Condition[]): Condition => ({ kind: 'all', of });
export const any = (...of: Condition[]): Condition => ({ kind: 'any', of });
export const not = (of: Condition): Condition => ({ kind: 'not', of });

export function holds(c: Condition, f: F, p: P): boolean {
  switch (c.kind) {
    case 'predicate':
      return c.test(f, p);
    case 'all':
      return c.of.every((x) => holds(x, f, p));
    case 'any':
      return c.of.some((x) => holds(x, f, p));
    case 'not':
      return !holds(c.of, f, p);
  }
}

/** "pregnant AND (heavy bleeding OR pelvic pain) AND NOT known placenta praevia" */
export function describeCondition(c: Condition, p: P, nested = false): string {
  switch (c.kind) {
    case 'predicate': {
      const text = c.describe(p);
      return nested && /\b(AND|OR)\b/.test(text) ? `(${text})` : text;
    }
    case 'not':
      return `NOT ${describeCondition(c.of, p, true)}`;
    case 'all':
    case 'any': {
      const text = c.of.map((x) => describeCondition(x, p, true)).join(c.kind === 'all' ? ' AND ' : ' OR ');
      return nested && c.of.length > 1 ? `(${text})` : text;
    }
  }
}

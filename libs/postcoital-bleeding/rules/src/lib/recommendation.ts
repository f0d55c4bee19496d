import type { OrderKind } from '@pcb-cds/postcoital-bleeding-terminology';

export const RULE_IDS = [
  'PCB-01', 'PCB-02', 'PCB-03', 'PCB-04',
  'PCB-10', 'PCB-11', 'PCB-12', 'PCB-13', 'PCB-14', 'PCB-15', 'PCB-16', 'PCB-17', 'PCB-18',
  'PCB-20', 'PCB-21', 'PCB-22', 'PCB-23', 'PCB-24', 'PCB-25',
  'PCB-30', 'PCB-31', 'PCB-32', 'PCB-33',
  'PCB-40', 'PCB-41', 'PCB-42', 'PCB-43', 'PCB-44', 'PCB-45',
  'PCB-50', 'PCB-51', 'PCB-52', 'PCB-53',
] as const;

/** Card-emitting rules. PCB-00 is the gate and never emits a card. */
export type RuleId = (typeof RULE_IDS)[number];

/** §0 urgency: time to action. */
export type Urgency = 'routine' | 'soon' | 'urgent' | 'emergency';

export interface OrderAdvice {
  kind: OrderKind;
  /** FHIR ServiceRequest.priority. */
  priority: 'routine' | 'urgent' | 'asap' | 'stat';
  /** Why this order, in one line, for the suggestion label. */
  reason: string;
}

/** A patient fact a recommendation rests on: shown on the card with its date. */
export interface FactLine {
  label: string;
  value: string;
  date?: string;
}

export interface Recommendation {
  ruleId: RuleId;
  urgency: Urgency;
  /** Only PCB-33 departs from the urgency→indicator map (§0 exception). */
  indicatorOverride?: 'info' | 'warning' | 'critical';
  /** What to do, specific to this patient (one or two sentences; the card adds the rule's standard text). */
  advice: string;
  orders: OrderAdvice[];
  because: FactLine[];
  /** Which wording of the rule applies (e.g. 'UK', 'ended-recently'); undefined = default. */
  variant?: string;
}

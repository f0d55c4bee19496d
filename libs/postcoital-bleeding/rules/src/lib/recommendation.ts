import type { DataGapTopic } from '@pcb-cds/postcoital-bleeding-facts';
import type { OrderKind } from '@pcb-cds/postcoital-bleeding-terminology';
import type { SeedKey, SourceKey } from './citations';

export const RULE_IDS = [
  'PCB-01',
  'PCB-02',
  'PCB-03',
  'PCB-04',
  'PCB-10',
  'PCB-11',
  'PCB-12',
  'PCB-13',
  'PCB-14',
  'PCB-15',
  'PCB-16',
  'PCB-17',
  'PCB-18',
  'PCB-19',
  'PCB-20',
  'PCB-21',
  'PCB-22',
  'PCB-23',
  'PCB-24',
  'PCB-25',
  'PCB-30',
  'PCB-31',
  'PCB-32',
  'PCB-33',
  'PCB-34',
  'PCB-40',
  'PCB-41',
  'PCB-42',
  'PCB-43',
  'PCB-44',
  'PCB-45',
  'PCB-50',
  'PCB-51',
  'PCB-52',
  'PCB-53',
  'PCB-54',
] as const;

/** Card-emitting rules. PCB-00 is the gate and never emits a card. */
export type RuleId = (typeof RULE_IDS)[number];

/** §0 urgency: time to action. `immediate` (R2-21) is minutes: 911/999 or the in-hospital emergency team. */
export type Urgency = 'routine' | 'soon' | 'urgent' | 'emergency' | 'immediate';

export const URGENCIES: readonly Urgency[] = ['routine', 'soon', 'urgent', 'emergency', 'immediate'];

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

/** Where a card's statements come from, for audit (card extension `org.pcb-cds.trace`), never shown as a source. */
export interface RuleTrace {
  /** pcb-guideline.md section and rule, e.g. "§2 PCB-34; R2-1, R2-28". */
  section: string;
  seeds: readonly SeedKey[];
}

/** Rules whose recommendations share one card per patient (R2-15: one colposcopy card). */
export type CardGroup = 'colposcopy';

export interface Recommendation {
  ruleId: RuleId;
  urgency: Urgency;
  /** Only PCB-33 departs from the urgency→indicator map (§0 exception). */
  indicatorOverride?: 'info' | 'warning' | 'critical';
  /** The rule's name as a heading. */
  title: string;
  /** The card summary when the rule has a card of its own: names the key patient value (≤140 characters with its prefix). */
  summary: string;
  /** A few words for the shared work-up card's summary. */
  action: string;
  /** The patient value a shared work-up card's summary leads with (PCB-10: how long she has bled). */
  headline?: string;
  /** What to do, specific to this patient. */
  advice: string;
  /** "Considered, not needed now": a step the rule would take and the fact that made it unnecessary. */
  notNeeded: string[];
  /** Cautions a card shows once even when several of its rules state them (e.g. colposcopy in pregnancy). */
  cautions: string[];
  orders: OrderAdvice[];
  because: FactLine[];
  /** §7.1 citation keys, primary first, at most 3. */
  sources: readonly SourceKey[];
  trace: RuleTrace;
  /** Data-gap topics this rule uses: each gap is shown on the card of the first rule that declares it. */
  gapTopics: readonly DataGapTopic[];
  cardGroup?: CardGroup;
  /** A line for the patient (safety-netting), shown once on the work-up card. */
  safetyNet?: string;
  /** Which wording of the rule applies (e.g. 'UK', 'ended-recently'); undefined = default. */
  variant?: string;
}

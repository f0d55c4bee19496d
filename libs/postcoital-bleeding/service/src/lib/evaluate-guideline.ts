import type { IndicatorMap } from '@pcb-cds/postcoital-bleeding-cards';
import { toPatientRecord } from '@pcb-cds/postcoital-bleeding-record';
import type { GuidelineParameters, PostcoitalBleedingFacts, UnrecognisedResult } from '@pcb-cds/postcoital-bleeding-facts';
import { deriveFacts } from '@pcb-cds/postcoital-bleeding-facts';
import type { Recommendation } from '@pcb-cds/postcoital-bleeding-rules';
import { evaluatePostcoitalBleeding } from '@pcb-cds/postcoital-bleeding-rules';
import type { Terminology } from '@pcb-cds/postcoital-bleeding-terminology';

export interface PostcoitalBleedingSettings {
  parameters: GuidelineParameters;
  terminology: Terminology;
  indicatorMap?: IndicatorMap;
  /** The evaluation date; injectable so tests and demos can pin "today". */
  clock: () => Date;
  /** Told of results the record holds but the terminology cannot read (the app counts them per code in /metrics). */
  onUnrecognisedResults?: (results: readonly UnrecognisedResult[]) => void;
}

export interface GuidelineEvaluation {
  facts: PostcoitalBleedingFacts;
  recommendations: Recommendation[];
}

/**
 * The pipeline every hook shares: resolved prefetch → patient record → facts → rules. Synchronous
 * and pure; I/O happened in the protocol layer.
 */
export function evaluateGuideline(
  settings: PostcoitalBleedingSettings,
  prefetch: Record<string, unknown>,
  patientId: string,
  unavailableKeys: readonly string[] = [],
): GuidelineEvaluation {
  const { parameters, terminology } = settings;
  const now = settings.clock().toISOString();
  const facts = deriveFacts(toPatientRecord(prefetch, patientId, now, terminology), parameters);
  for (const key of unavailableKeys) {
    facts.dataGaps.push({ topic: 'other', text: `The EHR could not supply "${key}": advice may be incomplete` });
  }
  if (facts.unrecognisedResults.length > 0) {
    settings.onUnrecognisedResults?.(facts.unrecognisedResults);
  }
  return { facts, recommendations: evaluatePostcoitalBleeding(facts, parameters) };
}

import type { Observation, QuestionnaireResponse, QuestionnaireResponseItem } from 'fhir/r4';
import type { PatientRecord } from '@pcb-cds/postcoital-bleeding-facts';
import type { Terminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { readObservation } from './read-observation';

/**
 * fact-encoding.md: an answer whose linkId equals a project code counts exactly like the Observation
 * with that code, dated by `authored`. So each such answer becomes that Observation and is read by
 * the same code path.
 */
export function readQuestionnaireResponse(q: QuestionnaireResponse, t: Terminology, r: PatientRecord): void {
  if (!q.authored || q.status === 'entered-in-error' || q.status === 'stopped') {
    return;
  }
  for (const item of flatten(q.item ?? [])) {
    const answer = item.answer?.[0];
    if (!answer) {
      continue;
    }
    const observation: Observation = {
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: t.system('pcb'), code: item.linkId }] },
      effectiveDateTime: q.authored,
      ...(answer.valueBoolean !== undefined ? { valueBoolean: answer.valueBoolean } : {}),
      ...(answer.valueCoding ? { valueCodeableConcept: { coding: [answer.valueCoding] } } : {}),
      ...(answer.valueQuantity ? { valueQuantity: answer.valueQuantity } : {}),
      ...(answer.valueDecimal !== undefined ? { valueQuantity: { value: answer.valueDecimal } } : {}),
      ...(answer.valueDate || answer.valueDateTime ? { valueDateTime: answer.valueDate ?? answer.valueDateTime } : {}),
    };
    readObservation(observation, t, r);
  }
}

function flatten(items: QuestionnaireResponseItem[]): QuestionnaireResponseItem[] {
  return items.flatMap((i) => [i, ...flatten(i.item ?? []), ...(i.answer ?? []).flatMap((a) => flatten(a.item ?? []))]);
}

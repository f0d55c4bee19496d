import type { Coding } from 'fhir/r4';
import type { PatientRecord } from '@pcb-cds/postcoital-bleeding-facts';

/**
 * A result whose test the terminology knows but whose result code it does not: recorded so that the
 * card names it and /metrics counts it, never read as normal or as absent. A result with
 * no coding at all (text only) is recorded too, without a code.
 */
export function noteUnrecognised(r: PatientRecord, resourceType: string, date: string | undefined, values: readonly Coding[]): void {
  const coding = values.find((c) => c.code) ?? values[0];
  r.unrecognisedResults.push({
    resourceType,
    ...(coding?.system ? { system: coding.system } : {}),
    ...(coding?.code ? { code: coding.code } : {}),
    ...(coding?.display ? { display: coding.display } : {}),
    ...(date ? { date } : {}),
  });
}

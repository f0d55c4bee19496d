import type { Condition, Observation, Procedure } from 'fhir/r4';

/**
 * FHIR date/dateTime/instant → YYYY-MM-DD: the calendar date as written (time zones are not shifted).
 * Partial dates take the first day of their year or month.
 */
export function toIsoDate(value: string | undefined): string | undefined {
  if (!value) {
    return undefined;
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    return value.slice(0, 10);
  }
  if (/^\d{4}-\d{2}$/.test(value)) {
    return `${value}-01`;
  }
  return /^\d{4}$/.test(value) ? `${value}-01-01` : undefined;
}

/** fact-encoding.md "Dates": Observation → effective[x] (then issued). */
export function observationDate(o: Observation): string | undefined {
  return toIsoDate(o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.effectiveInstant ?? o.issued);
}

/** The Observation's time as written, when it has one (R2-20 counts acute findings in hours). */
export function observationInstant(o: Observation): string | undefined {
  const value = o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.effectiveInstant;
  return value && /T\d{2}:\d{2}/.test(value) ? value : undefined;
}

/** Procedure → performed[x]. */
export function procedureDate(p: Procedure): string | undefined {
  return toIsoDate(p.performedDateTime ?? p.performedPeriod?.start ?? p.performedPeriod?.end);
}

/** Condition → onset[x], then recordedDate. */
export function conditionDate(c: Condition): string | undefined {
  return toIsoDate(c.onsetDateTime ?? c.onsetPeriod?.start ?? c.recordedDate);
}

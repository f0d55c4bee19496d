import type { FhirResource } from '../hooks/cds-wire.js';

const DAY_MS = 86_400_000;

/**
 * When a fact happened, as fact-encoding.md dates it: `effective[x]` (then `issued`) for Observations and
 * DiagnosticReports, `onset[x]` then `recordedDate` for Conditions.
 */
export function resourceDate(resource: FhirResource): string | undefined {
  const r = resource as Record<string, unknown>;
  const period = (key: string): unknown => (r[key] as { start?: unknown } | undefined)?.start;
  const candidates = [
    r['effectiveDateTime'],
    r['effectiveInstant'],
    period('effectivePeriod'),
    r['onsetDateTime'],
    period('onsetPeriod'),
    r['recordedDate'],
    r['issued'],
  ];
  return candidates.find((c): c is string => typeof c === 'string' && /^\d{4}/.test(c));
}

/** The calendar day of a FHIR date or dateTime (`2026-11-22`, `2026-11`, `2026`). */
export function dayOf(date: string): string {
  return date.slice(0, 10);
}

/** Whole days from `date` to `today` (UTC calendar days; negative when `date` is in the future). */
export function daysSince(date: string, today: Date): number {
  const [y, m = '01', d = '01'] = dayOf(date).split('-');
  const then = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const now = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((now - then) / DAY_MS);
}

export function ageInYears(birthDate: string, today: Date): number | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(birthDate);
  if (!match) {
    return undefined;
  }
  const [, y, m = '01', d = '01'] = match;
  let age = today.getUTCFullYear() - Number(y);
  const beforeBirthday = today.getUTCMonth() + 1 < Number(m) || (today.getUTCMonth() + 1 === Number(m) && today.getUTCDate() < Number(d));
  if (beforeBirthday) {
    age -= 1;
  }
  return age >= 0 ? age : undefined;
}

/** "12 days ago", "4 months ago", "3.1 years ago": the precision a reader needs at each distance. */
export function timeAgo(date: string, today: Date): string {
  const days = daysSince(date, today);
  if (days < 0) {
    return 'in the future';
  }
  if (days < 60) {
    return days === 1 ? '1 day ago' : `${days} days ago`;
  }
  if (days < 730) {
    return `${Math.round(days / 30.44)} months ago`;
  }
  return `${(days / 365.25).toFixed(1)} years ago`;
}

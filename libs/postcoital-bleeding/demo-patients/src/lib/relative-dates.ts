/**
 * Dates relative to an evaluation date ("today").
 *
 * Every fact is dated at 00:00:00Z of a UTC calendar day, counted back from the UTC day of
 * `today`. Facts stated for "today" are therefore never later than any clock time of that day,
 * elapsed times are whole days (never less than stated), and the JSON is identical for every
 * `today` within the same UTC day.
 */

/** How long ago something happened; the parts add up (years, then months, then weeks and days). */
export interface Ago {
  readonly yearsAgo?: number;
  readonly monthsAgo?: number;
  readonly weeksAgo?: number;
  readonly daysAgo?: number;
}

const MS_PER_DAY = 24 * 60 * 60 * 1000;

function checkCount(name: string, value: number | undefined): number {
  if (value === undefined) {
    return 0;
  }
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer (got ${value}); demo facts never lie in the future`);
  }
  return value;
}

/** 00:00:00Z of the UTC calendar day containing `today`. */
export function startOfUtcDay(today: Date): Date {
  if (Number.isNaN(today.getTime())) {
    throw new RangeError('today is not a valid Date');
  }
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
}

/** The anchor day minus `ago` (calendar years and months, then weeks and days). */
export function dateAgo(anchor: Date, ago: Ago = {}): Date {
  const years = checkCount('yearsAgo', ago.yearsAgo);
  const months = checkCount('monthsAgo', ago.monthsAgo);
  const days = checkCount('weeksAgo', ago.weeksAgo) * 7 + checkCount('daysAgo', ago.daysAgo);
  const d = new Date(anchor.getTime());
  // Calendar arithmetic on the day number: clamp to the last day of the target month.
  const targetMonthIndex = d.getUTCFullYear() * 12 + d.getUTCMonth() - years * 12 - months;
  const targetYear = Math.floor(targetMonthIndex / 12);
  const targetMonth = targetMonthIndex - targetYear * 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  const shifted = Date.UTC(targetYear, targetMonth, day);
  return new Date(shifted - days * MS_PER_DAY);
}

/** The anchor day plus whole days (used only for the estimated delivery date, which is in the future). */
export function dateAhead(anchor: Date, days: number): Date {
  checkCount('days ahead', days);
  return new Date(anchor.getTime() + days * MS_PER_DAY);
}

/** FHIR dateTime in UTC, whole seconds: `2026-11-15T00:00:00Z`. */
export function fhirDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** FHIR date: `2026-11-15`. */
export function fhirDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

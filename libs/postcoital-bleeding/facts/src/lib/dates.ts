import type { Dated, IsoDate } from './patient-record';

const MS_PER_DAY = 86_400_000;

function utc(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((utc(to) - utc(from)) / MS_PER_DAY);
}

export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(utc(date) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** True when `date` is no more than `months` calendar months before `today` (inclusive). */
export function withinMonths(date: IsoDate, months: number, today: IsoDate): boolean {
  return addMonths(date, months) >= today && date <= today;
}

export function withinDays(date: IsoDate, days: number, today: IsoDate): boolean {
  const d = daysBetween(date, today);
  return d >= 0 && d <= days;
}

/** Completed years from `birthDate` to `today`. */
export function wholeYears(birthDate: IsoDate, today: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Years (one decimal) from `date` to `today`, for card text such as "4.7 years ago". */
export function yearsAgo(date: IsoDate, today: IsoDate): number {
  return Math.round((daysBetween(date, today) / 365.25) * 10) / 10;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "3 days", "2 weeks", "4 months", "2 years": the unit a clinician would use for that span. */
export function durationInWords(days: number): string {
  if (days < 7) {
    return plural(Math.max(0, days), 'day');
  }
  if (days < 61) {
    return plural(Math.round(days / 7), 'week');
  }
  const months = Math.round(days / 30.44);
  if (days < 730 && months % 12 !== 0) {
    return plural(months, 'month');
  }
  return plural(Math.round(days / 365.25), 'year');
}

/** The most recent item, or undefined. Dates are ISO strings, so string order is date order. */
export function latest<T extends Dated>(items: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    if (!best || item.date > best.date) {
      best = item;
    }
  }
  return best;
}

export function earliest<T extends Dated>(items: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    if (!best || item.date < best.date) {
      best = item;
    }
  }
  return best;
}

/** The evaluation instant: `now` when known, else midday of `today` (a date-only "today" sits mid-day). */
export function evaluationInstant(today: IsoDate, now?: string): number {
  const parsed = now ? Date.parse(now) : NaN;
  return Number.isNaN(parsed) ? Date.parse(`${today}T12:00:00Z`) : parsed;
}

/**
 * Hours from a record's moment to `nowMs`. A record with a time (`at`) is placed there; a date-only
 * record at the start of its day (UTC), so "today" is always within a window of 24 h or more and a
 * date-only record is never younger than it can be.
 */
export function hoursSince(item: { date: IsoDate; at?: string }, nowMs: number): number {
  const at = item.at ? Date.parse(item.at) : NaN;
  const ms = Number.isNaN(at) ? Date.parse(`${item.date}T00:00:00Z`) : at;
  return (nowMs - ms) / 3_600_000;
}

/** Within the last `hours` (inclusive), and not in the future beyond clock skew of a day. */
export function withinHours(item: { date: IsoDate; at?: string }, hours: number, nowMs: number): boolean {
  const h = hoursSince(item, nowMs);
  return h <= hours && h >= -24;
}

/**
 * The most recent dated item, else an undated one: for history that counts without a date
 * (fact-encoding.md rev 2 "Undated history"), a dated entry says more and wins.
 */
export function latestOrUndated<T extends { date?: IsoDate }>(items: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    if (!best || (item.date !== undefined && (best.date === undefined || item.date > best.date))) {
      best = item;
    }
  }
  return best;
}

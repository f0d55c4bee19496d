import { addDays, addMonths, daysBetween, wholeYears, withinMonths } from './dates';

/** Month arithmetic written out independently (month index, Gregorian leap rule, month lengths), no Date. */
function referenceAddMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const length = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, length)).padStart(2, '0')}`;
}

describe('addMonths', () => {
  it.each([
    ['a plain month', '2026-03-15', 1, '2026-04-15'],
    ['across a year end', '2026-11-30', 3, '2027-02-28'],
    ['the 31st into a 30-day month', '2026-01-31', 3, '2026-04-30'],
    ['Jan 31 into a leap February', '2024-01-31', 1, '2024-02-29'],
    ['backwards across a year start', '2026-02-10', -3, '2025-11-10'],
    ['screening interval of 36 months', '2023-11-22', 36, '2026-11-22'],
    ['screening interval of 60 months from a leap day', '2020-02-29', 60, '2025-02-28'],
    ['zero months', '2026-07-04', 0, '2026-07-04'],
  ])('%s', (_name, date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('agrees with a month-length reference for every day of 2023–2025 and -72…+72 months', () => {
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2026, 0, 1); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      for (const months of [-72, -13, -12, -1, 1, 6, 11, 12, 13, 24, 36, 60, 72]) {
        expect(addMonths(date, months)).toBe(referenceAddMonths(date, months));
      }
    }
  });
});

describe('day arithmetic', () => {
  it.each([
    ['same day', '2026-11-22', '2026-11-22', 0],
    ['across a leap day', '2024-02-28', '2024-03-01', 2],
    ['backwards', '2026-11-22', '2026-11-01', -21],
  ])('daysBetween: %s', (_name, from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
    expect(addDays(from, days)).toBe(to);
  });

  it.each([
    ['the day before a birthday', '1990-11-23', '2026-11-22', 35],
    ['on the birthday', '1990-11-22', '2026-11-22', 36],
    ['a leap-day birthday in a common year', '2000-02-29', '2026-02-28', 25],
  ])('wholeYears: %s', (_name, birth, today, years) => {
    expect(wholeYears(birth, today)).toBe(years);
  });

  it('withinMonths counts the boundary day in, a future date out', () => {
    expect(withinMonths('2023-11-22', 36, '2026-11-22')).toBe(true);
    expect(withinMonths('2023-11-21', 36, '2026-11-22')).toBe(false);
    expect(withinMonths('2026-11-23', 36, '2026-11-22')).toBe(false);
  });
});

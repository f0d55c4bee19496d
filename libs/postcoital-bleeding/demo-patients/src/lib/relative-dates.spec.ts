import { dateAgo, dateAhead, fhirDate, fhirDateTime, startOfUtcDay } from './relative-dates';

describe('relative dates', () => {
  const today = new Date('2026-11-15T14:30:45.678Z');
  const anchor = startOfUtcDay(today);

  it('anchors every fact at 00:00:00Z of the UTC day of today', () => {
    expect(fhirDateTime(anchor)).toBe('2026-11-15T00:00:00Z');
    expect(fhirDateTime(startOfUtcDay(new Date('2026-11-15T23:59:59Z')))).toBe('2026-11-15T00:00:00Z');
  });

  it.each([
    [{}, '2026-11-15T00:00:00Z'],
    [{ daysAgo: 3 }, '2026-11-12T00:00:00Z'],
    [{ weeksAgo: 1 }, '2026-11-08T00:00:00Z'],
    [{ monthsAgo: 1 }, '2026-10-15T00:00:00Z'],
    [{ monthsAgo: 8 }, '2026-03-15T00:00:00Z'],
    [{ monthsAgo: 11 }, '2025-12-15T00:00:00Z'],
    [{ yearsAgo: 2 }, '2024-11-15T00:00:00Z'],
    [{ yearsAgo: 1, monthsAgo: 2, weeksAgo: 1, daysAgo: 1 }, '2025-09-07T00:00:00Z'],
  ])('dateAgo(%j) = %s', (ago, expected) => {
    expect(fhirDateTime(dateAgo(anchor, ago))).toBe(expected);
  });

  it('clamps calendar months to the last day of the target month', () => {
    const march31 = new Date('2026-03-31T00:00:00Z');
    expect(fhirDate(dateAgo(march31, { monthsAgo: 1 }))).toBe('2026-02-28');
    const leapDay = new Date('2024-02-29T00:00:00Z');
    expect(fhirDate(dateAgo(leapDay, { yearsAgo: 1 }))).toBe('2023-02-28');
  });

  it('refuses future or fractional offsets', () => {
    expect(() => dateAgo(anchor, { daysAgo: -1 })).toThrow(RangeError);
    expect(() => dateAgo(anchor, { weeksAgo: 1.5 })).toThrow(RangeError);
    expect(() => startOfUtcDay(new Date('not a date'))).toThrow(RangeError);
  });

  it('counts days ahead only for the EDD', () => {
    expect(fhirDateTime(dateAhead(anchor, 70))).toBe('2027-01-24T00:00:00Z');
  });
});

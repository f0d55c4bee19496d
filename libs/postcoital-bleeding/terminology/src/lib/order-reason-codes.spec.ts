import type { ReasonFacts } from './order-reason-codes';
import { orderReasonCodes } from './order-reason-codes';

const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const WHO_ICD10 = 'http://hl7.org/fhir/sid/icd-10';

/** Weeks as a record states them: 13+6 is 13 weeks and 6 days (the facts round to one decimal: 13.9). */
const ga = (weeks: number, days = 0): number => Math.round((weeks + days / 7) * 10) / 10;

const notPregnant = (menopause: string): ReasonFacts => ({ pregnancy: { status: 'no' }, menopause: { status: menopause } });
const pregnant = (weeks?: number, extra: Partial<ReasonFacts['pregnancy']> = {}): ReasonFacts => ({
  pregnancy: { status: 'yes', ...(weeks === undefined ? {} : { gestationalAgeWeeks: weeks }), ...extra },
  menopause: { status: 'pre' },
});
const codes = (facts: ReasonFacts, jurisdiction: 'US' | 'UK' = 'US'): string[] => orderReasonCodes(facts, jurisdiction).map((c) => c.code);

describe('orderReasonCodes (R2-14, R2-27)', () => {
  it.each<[string, ReasonFacts, string[]]>([
    ['premenopausal, not pregnant → N93.0', notPregnant('pre'), ['N93.0']],
    ['pregnancy status unknown → N93.0', { pregnancy: { status: 'unknown' }, menopause: { status: 'unknown' } }, ['N93.0']],
    ['postmenopausal → N95.0', notPregnant('post'), ['N95.0']],
    ['8 weeks → O20.9 + Z3A.08', pregnant(8), ['O20.9', 'Z3A.08']],
    ['5 weeks → O20.9 + Z3A.01 (less than 8 weeks)', pregnant(5), ['O20.9', 'Z3A.01']],
    ['19+6 → still early pregnancy: O20.9 + Z3A.19', pregnant(ga(19, 6)), ['O20.9', 'Z3A.19']],
    ['20+0 → antepartum haemorrhage, second trimester: O46.92 + Z3A.20', pregnant(ga(20)), ['O46.92', 'Z3A.20']],
    ['27+6 → second trimester: O46.92 + Z3A.27', pregnant(ga(27, 6)), ['O46.92', 'Z3A.27']],
    ['28+0 → third trimester: O46.93 + Z3A.28', pregnant(ga(28)), ['O46.93', 'Z3A.28']],
    ['43 weeks → O46.93 + Z3A.49 (more than 42 weeks)', pregnant(43), ['O46.93', 'Z3A.49']],
    ['gestation unknown → O46.90 + Z3A.00', pregnant(), ['O46.90', 'Z3A.00']],
    [
      'known ectopic, gestation unknown → early pregnancy O20.9 + Z3A.00',
      pregnant(undefined, { ofConcern: { kind: 'ectopic' } }),
      ['O20.9', 'Z3A.00'],
    ],
    [
      'placenta praevia at 13+6 → O44.11 (first trimester), never O46',
      pregnant(ga(13, 6), { placentaPraevia: { display: 'Placenta previa' } }),
      ['O44.11', 'Z3A.13'],
    ],
    [
      'placenta praevia at 14+0 → O44.12 (second trimester)',
      pregnant(ga(14), { placentaPraevia: { display: 'Placenta previa' } }),
      ['O44.12', 'Z3A.14'],
    ],
    [
      'placenta praevia at 18 weeks (< 20) → O44.12, not O20.9',
      pregnant(18, { placentaPraevia: { display: 'Placenta praevia' } }),
      ['O44.12', 'Z3A.18'],
    ],
    ['placenta praevia, gestation unknown → O44.10 + Z3A.00', pregnant(undefined, { placentaPraevia: {} }), ['O44.10', 'Z3A.00']],
    ['low-lying placenta at 30 weeks → O44.53', pregnant(30, { placentaPraevia: { display: 'Low lying placenta' } }), ['O44.53', 'Z3A.30']],
    [
      'marginal praevia at 22 weeks → partial O44.32',
      pregnant(22, { placentaPraevia: { display: 'Marginal placenta previa' } }),
      ['O44.32', 'Z3A.22'],
    ],
    [
      'vasa praevia at 30 weeks (not placental) → O46.93',
      pregnant(30, { placentaPraevia: { display: 'Vasa previa' } }),
      ['O46.93', 'Z3A.30'],
    ],
  ])('US: %s', (_name, facts, expected) => {
    const reasons = orderReasonCodes(facts, 'US');
    expect(reasons.map((r) => r.code)).toEqual(expected);
    expect(reasons.every((r) => r.system === ICD10CM && r.display.length > 0)).toBe(true);
  });

  it.each<[string, ReasonFacts, string[]]>([
    ['premenopausal → N93.0', notPregnant('pre'), ['N93.0']],
    ['postmenopausal → N95.0', notPregnant('post'), ['N95.0']],
    ['10 weeks → O20.9, no Z3A', pregnant(10), ['O20.9']],
    ['30 weeks → O46.9, no trimester digit, no Z3A', pregnant(30), ['O46.9']],
    ['gestation unknown → O46.9', pregnant(), ['O46.9']],
    ['placenta praevia at 18 weeks → O44.1', pregnant(18, { placentaPraevia: { display: 'Placenta praevia' } }), ['O44.1']],
  ])('UK (WHO ICD-10): %s', (_name, facts, expected) => {
    const reasons = orderReasonCodes(facts, 'UK');
    expect(reasons.map((r) => r.code)).toEqual(expected);
    expect(reasons.every((r) => r.system === WHO_ICD10 && /^[A-Z]\d\d\.\d$/.test(r.code))).toBe(true);
  });

  it('uses the code system displays (US spelling in ICD-10-CM, UK spelling in WHO ICD-10)', () => {
    expect(orderReasonCodes(pregnant(32), 'US')[0].display).toBe('Antepartum hemorrhage, unspecified, third trimester');
    expect(orderReasonCodes(pregnant(32), 'US')[1].display).toBe('32 weeks gestation of pregnancy');
    expect(orderReasonCodes(pregnant(32), 'UK')[0].display).toBe('Antepartum haemorrhage, unspecified');
    expect(codes(notPregnant('pre'))).toEqual(['N93.0']);
  });
});

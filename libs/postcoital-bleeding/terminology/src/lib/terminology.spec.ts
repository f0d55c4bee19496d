import { Terminology } from './terminology';

const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';
const ICD = 'http://hl7.org/fhir/sid/icd-10-cm';

describe('Terminology', () => {
  const t = new Terminology();

  it.each([
    ['PCB Condition N93.0', 'postcoitalBleeding', ICD, 'N93.0', true],
    ['N93.0 under the wrong system does not count', 'postcoitalBleeding', SNOMED, 'N93.0', false],
    ['pregnancy status 82810-3', 'pregnancyStatus', LOINC, '82810-3', true],
    ['Z94.0 kidney transplant status by prefix', 'immunocompromisedCondition', ICD, 'Z94.0', true],
    ['abortive outcome O03.9 by prefix', 'pregnancyEndedCondition', ICD, 'O03.9', true],
    ['O09 (supervision of high-risk pregnancy) is no end event', 'pregnancyEndedCondition', ICD, 'O09.1', false],
  ] as const)('%s', (_name, valueSet, system, code, expected) => {
    expect(t.inValueSet(valueSet, [{ system, code }])).toBe(expected);
  });

  it.each([
    ['HSIL cytology', 'cytologyResult', SNOMED, '416033009', 'HSIL'],
    ['R87.612 LSIL diagnosis', 'cytologyResult', ICD, 'R87.612', 'LSIL'],
    ['HPV 16', 'hpvResult', SNOMED, '708298003', 'hpv16'],
    ['ambiguous hysterectomy 236886002', 'hysterectomy', SNOMED, '236886002', 'ambiguous'],
    ['supracervical hysterectomy', 'hysterectomy', SNOMED, '387644004', 'cervix-retained'],
    ['cervical cancer C53.9 by prefix', 'cervicalHistory', ICD, 'C53.9', 'cancer'],
    ['postmenopausal state', 'menopausalStatusValue', SNOMED, '76498008', 'post'],
  ] as const)('classifies %s', (_name, map, system, code, expected) => {
    expect(t.classify(map, [{ system, code }])).toBe(expected);
  });

  it('returns undefined for unknown codes and for codings without system', () => {
    expect(t.classify('cytologyResult', [{ code: '416033009' }])).toBeUndefined();
    expect(t.inValueSet('postcoitalBleeding', undefined)).toBe(false);
  });

  it('adds site codes from a mapping without code changes', () => {
    const site = new Terminology({
      valueSets: { postcoitalBleeding: ['http://hospital.example/codes|PCB'] },
      conceptMaps: { symptom: { 'http://hospital.example/codes|HEAVY': 'heavy-bleeding' } },
    });
    expect(site.inValueSet('postcoitalBleeding', [{ system: 'http://hospital.example/codes', code: 'PCB' }])).toBe(true);
    expect(site.classify('symptom', [{ system: 'http://hospital.example/codes', code: 'HEAVY' }])).toBe('heavy-bleeding');
    expect(t.inValueSet('postcoitalBleeding', [{ system: 'http://hospital.example/codes', code: 'PCB' }])).toBe(false);
  });

  it('resolves order codes to LOINC/SNOMED, never CPT', () => {
    expect(t.order('ct-ng-naat')).toMatchObject({ system: LOINC, code: '80362-7' });
    expect(t.order('colposcopy')).toMatchObject({ system: SNOMED, code: '392003006' });
    expect(t.searchTokens('pregnancyStatus')).toEqual([`${LOINC}|82810-3`, `${LOINC}|11449-6`]);
  });
});

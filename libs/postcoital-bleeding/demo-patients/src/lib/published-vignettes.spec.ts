import { describeBundle } from './describe-bundle';
import { PUBLISHED_VIGNETTES } from './published-vignettes';

/**
 * The vignette table is checked against an expected table transcribed separately from
 * pcb-guideline.md §5 (id, mode, expected rules, highest indicator, facts text), and every vignette bundle is
 * checked fact by fact against a hand-written reading of its §5 row (codes typed here, not imported).
 */

const TODAY = new Date('2026-11-15T14:30:00Z');

type Row = readonly [id: string, mode: 'US' | 'UK', rules: readonly string[], indicator: string, facts: string];

/** pcb-guideline.md §5 (revision 2), transcribed independently of published-vignettes.ts. */
const SECTION_5: readonly Row[] = [
  [
    'V01',
    'US',
    ['PCB-10', 'PCB-13', 'PCB-14'],
    'info',
    '28 F; PCB Condition N93.0 onset 1 wk; pregnancy status none recorded (→unknown); premenopausal (LMP 2 wk); cytology NILM 1 y; no CT/NG NAAT on record; stable partner',
  ],
  ['V02', 'US', ['PCB-10'], 'info', '32 F; PCB 2 wk; cotest NILM/HPV-neg 2 y; CT/NG NAAT neg 2 mo, no new partner; urine hCG neg 3 d ago'],
  [
    'V03',
    'US',
    ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-52'],
    'info',
    '24 F; PCB 1 wk; new sexual partner (questionnaire); abnormal discharge 271939006; cytology NILM 2 y; NAAT none',
  ],
  [
    'V04',
    'US',
    ['PCB-10', 'PCB-12', 'PCB-13', 'PCB-14'],
    'info',
    '19 F (edge: <21); PCB 1 wk; no cervical screening on record (appropriately); sexually active; no NAAT',
  ],
  [
    'V06',
    'US',
    ['PCB-03', 'PCB-10', 'PCB-11', 'PCB-13', 'PCB-14'],
    'info',
    '35 F (missing data); PCB 1 wk; NO cytology/HPV result anywhere in record; no NAAT; pregnancy status not recorded',
  ],
  [
    'V07',
    'US',
    ['PCB-10', 'PCB-11', 'PCB-14', 'PCB-15'],
    'warning',
    '45 F premenopausal; PCB 8 wk (recurrent); last cytology NILM 4 y ago (overdue); NAAT neg 1 mo; no new partner',
  ],
  ['V08', 'US', ['PCB-10', 'PCB-15'], 'warning', '30 F; PCB persisting 7 wk; NAAT neg 1 mo; cotest neg 1 y; hCG neg 2 d'],
  ['V09', 'US', ['PCB-10'], 'info', '30 F; PCB 5 wk (below 6-wk threshold for <35); otherwise as V08'],
  [
    'V11',
    'US',
    ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-16'],
    'warning',
    '29 F; cytology HSIL 3 mo ago, no colposcopy Procedure after it; no NAAT',
  ],
  [
    'V13',
    'US',
    ['PCB-10', 'PCB-13', 'PCB-14'],
    'info',
    '33 F; ASC-US + hrHPV(other) 2 mo ago AND colposcopy (392003006) done after; no NAAT',
  ],
  ['V14', 'US', [], 'none', '40 M (administrative gender male, no gender-identity/organ-inventory data); N93.0 erroneously coded'],
  ['V15', 'US', [], 'none', '27 F; contraception visit; no PCB Condition/Observation/reason code'],
  [
    'V17',
    'US',
    ['PCB-10', 'PCB-30'],
    'warning',
    '29 F pregnant 8+0 wk (82810-3 = LA15173-0; GA 49051-6 = 8), IUP confirmed; light PCB, no pain; RhD pos; cytology NILM 1 y; NAAT neg at booking 1 mo',
  ],
  [
    'V19',
    'US',
    ['PCB-10', 'PCB-31', 'PCB-33'],
    'critical',
    'Pregnant 8 wk; heavy bleeding with clots + cramping pelvic pain; RhD unknown; NAAT neg 1 mo',
  ],
  ['V20', 'US', ['PCB-32'], 'critical', '31 F pregnant 30+0 wk; light PCB; RhD pos; NAAT neg at 28 wk'],
  ['V21', 'US', ['PCB-13', 'PCB-32', 'PCB-33'], 'critical', '22 F pregnant 30 wk; PCB; RhD negative; no NAAT this pregnancy'],
  ['V23', 'US', ['PCB-10', 'PCB-30', 'PCB-33'], 'warning', 'Pregnant 16 wk; light PCB; RhD negative; NAAT neg 2 mo'],
  ['V25', 'US', ['PCB-10', 'PCB-20'], 'warning', '58 F postmenopausal (76498008), no HRT; PCB; cotest neg 3 y; no NAAT'],
  [
    'V26',
    'US',
    ['PCB-10', 'PCB-20', 'PCB-22'],
    'warning',
    '62 F postmenopausal on continuous combined HRT 2 y (estradiol/norethindrone; Z79.890); PCB; cotest neg 2 y; no NAAT',
  ],
  ['V28', 'US', ['PCB-10', 'PCB-24'], 'info', '42 F premenopausal on tamoxifen; PCB; cotest neg 1 y; NAAT neg 2 mo; hCG neg'],
  [
    'V29',
    'US',
    ['PCB-10', 'PCB-21'],
    'warning',
    '57 F postmenopausal; TVUS endometrial thickness 7 mm resulted 3 d ago; cotest neg 2 y; no NAAT',
  ],
  [
    'V31',
    'US',
    ['PCB-02', 'PCB-10', 'PCB-13', 'PCB-14', 'PCB-25'],
    'warning',
    '48 F; menopausal status unknown (no LMP, no menopause Observation); also intermenstrual bleeding; cytology NILM 2 y; no NAAT',
  ],
  ['V32', 'US', ['PCB-02', 'PCB-10', 'PCB-13', 'PCB-14'], 'info', '48 F; menopausal status unknown; PCB only; cytology NILM 2 y; no NAAT'],
  [
    'V34',
    'US',
    ['PCB-03', 'PCB-10', 'PCB-11', 'PCB-20'],
    'warning',
    '70 F postmenopausal; no screening results on record (not adequately screened); PCB; no NAAT',
  ],
  [
    'V35',
    'US',
    ['PCB-10', 'PCB-13', 'PCB-40'],
    'info',
    '52 F; total hysterectomy (116140006) for fibroids 10 y ago, no CIN history; PCB; no NAAT',
  ],
  ['V36', 'US', ['PCB-10', 'PCB-13', 'PCB-40', 'PCB-44'], 'warning', '50 F; total hysterectomy 8 y ago for CIN3 (252991009); PCB; no NAAT'],
  [
    'V39',
    'US',
    ['PCB-10', 'PCB-11', 'PCB-13', 'PCB-14', 'PCB-43'],
    'info',
    '34 F HIV (B20); cytology NILM 2 y (annual cytology required); no NAAT',
  ],
  ['V40', 'US', ['PCB-10', 'PCB-13', 'PCB-43'], 'info', '34 F HIV; cotest neg 2 y (q3y cotest OK ≥30); NAAT neg 6 mo; hCG neg'],
  [
    'V42',
    'US',
    ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-44'],
    'warning',
    '38 F; CIN2 treated by LEEP 3 y ago (Z87.410); HPV-based test neg 1 y ago (surveillance); no NAAT',
  ],
  [
    'V43',
    'US',
    ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-45'],
    'info',
    '50 F premenopausal (LMP 2 wk) on apixaban (Z79.01); mild PCB; cotest neg 2 y; no NAAT',
  ],
  [
    'V45',
    'US',
    ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-51', 'PCB-52'],
    'warning',
    '28 F; PCB + fever 386661006 + pelvic pain + discharge; new partner; cytology NILM 1 y',
  ],
  [
    'V46',
    'US',
    ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-53'],
    'warning',
    '39 F; PCB + unexplained weight loss 422868009; cotest neg 1 y; no NAAT',
  ],
  [
    'V47',
    'US',
    ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-54'],
    'critical',
    '30 F; heavy PCB, SBP 85 (unstable); pregnancy status not recorded; cytology NILM 1 y; no NAAT',
  ],
  ['V48', 'US', ['PCB-10'], 'info', '27 F; chlamydia NAAT POSITIVE 3 wk ago (treated); PCB persisting 7 wk; cytology NILM 1 y; hCG neg'],
  ['V50', 'US', [], 'none', '34 F; last PCB Condition recorded 8 months ago, nothing in 90-day lookback'],
  ['V51', 'US', ['PCB-03', 'PCB-10', 'PCB-11', 'PCB-13', 'PCB-14'], 'info', '[US mode] 23 F; no screening on record; no NAAT'],
  ['V52', 'UK', ['PCB-10', 'PCB-12', 'PCB-13', 'PCB-14'], 'info', '[UK mode] 23 F; same facts as V51 (below NHSCSP age 25)'],
  [
    'V54',
    'UK',
    ['PCB-10', 'PCB-13', 'PCB-20', 'PCB-42'],
    'warning',
    '[UK mode] 68 F postmenopausal; ceased screening at 65 with adequate negatives; PCB; no NAAT',
  ],
  ['V55', 'UK', ['PCB-10', 'PCB-11'], 'info', '[UK mode] 40 F; HPV-primary neg 4 y ago (UK 25–49: 3-yearly) → due; NAAT neg 1 mo; hCG neg'],
  [
    'V57',
    'UK',
    ['PCB-32'],
    'critical',
    '[UK mode] 27 F pregnant 22+0 wk; light PCB; RhD pos (UK APH definition starts 24+0, but previa safety threshold kept at 20 wk)',
  ],
  [
    'V59',
    'US',
    ['PCB-10', 'PCB-18'],
    'info',
    '41 F; exam Observation: polyp of cervix 65576009 (benign-appearing); cotest neg 1 y; NAAT neg 1 mo; hCG neg',
  ],
  [
    'V61',
    'US',
    ['PCB-10', 'PCB-13', 'PCB-14'],
    'info',
    '23 F; cytology LSIL 6 mo ago (age 21–24 → repeat cytology at 1 y, no colposcopy); no NAAT',
  ],
  [
    'V63',
    'UK',
    ['PCB-10', 'PCB-11', 'PCB-43'],
    'info',
    '[UK mode] 34 F HIV (B20); cytology NILM 2 y; NAAT neg 1 mo; hCG neg (UK: annual screening with HIV)',
  ],
  [
    'V64',
    'UK',
    ['PCB-10', 'PCB-12', 'PCB-13', 'PCB-14', 'PCB-19'],
    'info',
    '[UK mode] 15 F; PCB 1 wk; LMP 2 wk; no screening (appropriately), no NAAT',
  ],
  ['V74', 'US', ['PCB-10', 'PCB-30'], 'warning', '29 F pregnant 10 wk; RhD pos; CT NAAT positive 2 wk ago; cytology NILM 1 y; light PCB'],
  [
    'V75',
    'US',
    ['PCB-10', 'PCB-20'],
    'warning',
    '60 F postmenopausal; TVUS ET 3 mm 60 d ago (before this episode); PCB onset 1 wk; cotest neg 2 y; no NAAT',
  ],
  [
    'V78',
    'US',
    ['PCB-10', 'PCB-13', 'PCB-14'],
    'info',
    '30 F; SBP 85 and HR 124 recorded 3 months ago, no vital signs since; light PCB 1 wk; LMP 2 wk; cytology NILM 1 y; no NAAT',
  ],
];

// Fact lines in describeBundle's format, with the codes of fact-encoding.md / guideline §4.
const female = (age: number): string => `Patient gender=female birthSex=F age=${age}`;
const pcb = (when: string): string => `Condition icd10cm:N93.0 [active] @${when}`;
const cytology = (snomed: string, when: string): string => `Observation loinc:10524-7 = sct:${snomed} @${when}`;
const NILM = '373887005';
const hpvNeg = (when: string): string => `Observation loinc:30167-1 = sct:260385009 @${when}`;
const cotestNeg = (when: string): string[] => [cytology(NILM, when), hpvNeg(when)];
const naatNeg = (when: string): string[] => [
  `Observation loinc:53926-2 = sct:260385009 @${when}`,
  `Observation loinc:53879-3 = sct:260385009 @${when}`,
];
const urineHcgNeg = (when: string): string => `Observation loinc:2106-3 = sct:260385009 @${when}`;
const PRE = 'Observation sct:161712005 = sct:22636003 @today';
const POST = 'Observation sct:161712005 = sct:76498008 @today';
const pregnant = (weeks: number): string[] => [
  'Observation loinc:82810-3 = loinc:LA15173-0 @today',
  `Observation loinc:49051-6 = ${weeks} wk @today`,
];
const rhd = (positive: boolean, when: string): string => `Observation loinc:10331-7 = sct:${positive ? '165747007' : '165746003'} @${when}`;
const noNewPartner = 'Observation pcb:new-sexual-partner = false @today';
const symptom = (snomed: string): string => `Condition sct:${snomed} [active] @today`;

const FACTS: Readonly<Record<string, readonly string[]>> = {
  V01: [female(28), pcb('1w'), 'Observation loinc:8665-2 = 2w @today', cytology(NILM, '1y'), noNewPartner],
  V02: [female(32), pcb('2w'), ...cotestNeg('2y'), ...naatNeg('2mo'), noNewPartner, urineHcgNeg('3d')],
  V03: [female(24), pcb('1w'), 'QuestionnaireResponse new-sexual-partner=true @today', symptom('271939006'), cytology(NILM, '2y')],
  V04: [female(19), pcb('1w')],
  V06: [female(35), pcb('1w')],
  V07: [female(45), PRE, pcb('8w'), cytology(NILM, '4y'), ...naatNeg('1mo'), noNewPartner],
  V08: [female(30), pcb('7w'), ...naatNeg('1mo'), ...cotestNeg('1y'), urineHcgNeg('2d')],
  V09: [female(30), pcb('5w'), ...naatNeg('1mo'), ...cotestNeg('1y'), urineHcgNeg('2d')],
  V11: [female(29), pcb('1w'), cytology('416033009', '3mo')],
  V13: [
    female(33),
    pcb('1w'),
    cytology('441087007', '2mo'),
    'Observation loinc:30167-1 = sct:10828004 @2mo',
    'Procedure sct:392003006 @1mo',
  ],
  V14: ['Patient gender=male birthSex=M age=40', pcb('1w')],
  V15: [female(27), 'Encounter reason=icd10cm:Z30.09 @today'],
  V17: [female(29), pcb('1w'), ...pregnant(8), rhd(true, '1mo'), cytology(NILM, '1y'), ...naatNeg('1mo')],
  V19: [
    female(29),
    pcb('1w'),
    ...pregnant(8),
    'Observation pcb:heavy-bleeding = true @today',
    symptom('30473006'),
    ...naatNeg('1mo'),
    cytology(NILM, '1y'),
  ],
  V20: [female(31), pcb('1w'), ...pregnant(30), rhd(true, '20w'), ...naatNeg('2w')],
  V21: [female(22), pcb('1w'), ...pregnant(30), rhd(false, '20w')],
  V23: [female(29), pcb('1w'), ...pregnant(16), rhd(false, '2mo'), ...naatNeg('2mo'), cytology(NILM, '1y')],
  V25: [female(58), POST, pcb('1w'), ...cotestNeg('3y')],
  V26: [
    female(62),
    POST,
    'MedicationRequest rxnorm:1359126 [active] @2y',
    'Condition icd10cm:Z79.890 [active] @2y',
    pcb('1w'),
    ...cotestNeg('2y'),
  ],
  V28: [
    female(42),
    PRE,
    'MedicationRequest rxnorm:10324 [active] @1y',
    pcb('1w'),
    ...cotestNeg('1y'),
    ...naatNeg('2mo'),
    urineHcgNeg('today'),
  ],
  V29: [female(57), POST, pcb('1w'), 'Observation pcb:endometrial-thickness = 7 mm @3d', ...cotestNeg('2y')],
  V31: [female(48), pcb('1w'), 'Observation pcb:intermenstrual-bleeding = true @today', cytology(NILM, '2y')],
  V32: [female(48), pcb('1w'), cytology(NILM, '2y')],
  V34: [female(70), POST, pcb('1w')],
  V35: [female(52), 'Procedure sct:116140006 @10y', pcb('1w')],
  V36: [female(50), 'Condition sct:252991009 [resolved] @8y', 'Procedure sct:116140006 @8y', pcb('1w')],
  V39: [female(34), 'Condition icd10cm:B20 [active] @6y', pcb('1w'), cytology(NILM, '2y')],
  V40: [female(34), 'Condition icd10cm:B20 [active] @6y', pcb('1w'), ...cotestNeg('2y'), ...naatNeg('6mo'), urineHcgNeg('today')],
  V42: [female(38), 'Condition icd10cm:Z87.410 [active] @3y', pcb('1w'), hpvNeg('11mo')],
  V43: [
    female(50),
    'Observation loinc:8665-2 = 2w @today',
    'MedicationRequest rxnorm:1364430 [active] @6mo',
    'Condition icd10cm:Z79.01 [active] @6mo',
    pcb('1w'),
    ...cotestNeg('2y'),
  ],
  V45: [
    female(28),
    pcb('1w'),
    symptom('386661006'),
    symptom('30473006'),
    symptom('271939006'),
    'Observation pcb:new-sexual-partner = true @today',
    cytology(NILM, '1y'),
  ],
  V46: [female(39), pcb('1w'), symptom('422868009'), ...cotestNeg('1y')],
  V47: [
    female(30),
    pcb('1w'),
    'Observation pcb:heavy-bleeding = true @today',
    'Observation loinc:85354-9 = [loinc:8480-6=85 mm[Hg], loinc:8462-4=50 mm[Hg]] @today',
    cytology(NILM, '1y'),
  ],
  V48: [female(27), pcb('7w'), 'Observation loinc:53926-2 = sct:10828004 @3w', cytology(NILM, '1y'), urineHcgNeg('today')],
  V50: [female(34), pcb('8mo')],
  V51: [female(23), pcb('1w')],
  V52: [female(23), pcb('1w')],
  V54: [female(68), POST, hpvNeg('8y'), hpvNeg('3y'), pcb('1w')],
  V55: [female(40), PRE, pcb('1w'), hpvNeg('4y'), ...naatNeg('1mo'), urineHcgNeg('today')],
  V57: [female(27), pcb('1w'), ...pregnant(22), rhd(true, '12w'), ...naatNeg('1mo')],
  V59: [female(41), PRE, pcb('1w'), 'Observation sct:65576009 = true @today', ...cotestNeg('1y'), ...naatNeg('1mo'), urineHcgNeg('today')],
  V61: [female(23), pcb('1w'), cytology('62051000119105', '6mo')],
  V63: [female(34), 'Condition icd10cm:B20 [active] @6y', pcb('1w'), cytology(NILM, '2y'), ...naatNeg('1mo'), urineHcgNeg('today')],
  V64: [female(15), pcb('1w'), 'Observation loinc:8665-2 = 2w @today'],
  V74: [female(29), pcb('1w'), ...pregnant(10), rhd(true, '2w'), 'Observation loinc:53926-2 = sct:10828004 @2w', cytology(NILM, '1y')],
  V75: [female(60), POST, 'Observation pcb:endometrial-thickness = 3 mm @60d', pcb('1w'), ...cotestNeg('2y')],
  V78: [
    female(30),
    'Observation loinc:8480-6 = 85 mm[Hg] @3mo',
    'Observation loinc:8867-4 = 124 /min @3mo',
    pcb('1w'),
    'Observation loinc:8665-2 = 2w @today',
    cytology(NILM, '1y'),
  ],
};

describe('published vignettes: the table of pcb-guideline.md §5', () => {
  it('has the 47 vignettes of §5 (revision 2), in table order', () => {
    expect(SECTION_5).toHaveLength(47);
    expect(PUBLISHED_VIGNETTES.map((v) => v.id)).toEqual(SECTION_5.map((r) => r[0]));
  });

  it.each(SECTION_5.map((r) => [r[0], r] as const))('%s: mode, expected rules, highest indicator, description', (id, row) => {
    const v = PUBLISHED_VIGNETTES.find((x) => x.id === id);
    expect(v).toBeDefined();
    expect(v?.description).toBe(row[4]);
    expect(v?.mode).toBe(row[1]);
    expect(v?.expectedRules).toEqual(row[2]);
    expect(v?.highestIndicator).toBe(row[3]);
  });

  it('states the mode in the description exactly where §5 marks it', () => {
    for (const v of PUBLISHED_VIGNETTES) {
      if (v.description.startsWith('[UK mode]')) {
        expect(v.mode).toBe('UK');
      } else {
        expect(v.mode).toBe('US');
      }
    }
  });

  it('has no card expectation without a gate, and "none" exactly when no rule fires', () => {
    for (const v of PUBLISHED_VIGNETTES) {
      expect(v.expectedRules.includes('PCB-00')).toBe(false);
      expect(v.highestIndicator === 'none').toBe(v.expectedRules.length === 0);
    }
  });

  it('names each vignette patient pcb-vignette-<id>', () => {
    for (const v of PUBLISHED_VIGNETTES) {
      expect(v.patientId).toBe(`pcb-vignette-${v.id.toLowerCase()}`);
      expect(v.bundle(TODAY).entry?.[0]?.resource?.id).toBe(v.patientId);
    }
  });
});

describe('published vignettes: each bundle holds exactly the facts of its §5 row', () => {
  it('has a fact list for every vignette', () => {
    expect(Object.keys(FACTS).sort()).toEqual(PUBLISHED_VIGNETTES.map((v) => v.id).sort());
  });

  it.each(PUBLISHED_VIGNETTES.map((v) => [v.id, v] as const))('%s', (id, v) => {
    const actual = describeBundle(v.bundle(TODAY), TODAY);
    expect([...actual].sort()).toEqual([...(FACTS[id] ?? [])].sort());
  });

  it('explains every fact added beyond the row (IMPLIED) in the encoding notes', () => {
    const implied = PUBLISHED_VIGNETTES.filter((v) => v.encodingNotes.some((n) => n.startsWith('IMPLIED'))).map((v) => v.id);
    expect(implied).toEqual(['V19', 'V23', 'V57']);
  });
});

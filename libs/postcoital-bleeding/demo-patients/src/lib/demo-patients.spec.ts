import type { Patient } from 'fhir/r4';
import { DEMO_PATIENTS } from './demo-patients';
import { describeBundle } from './describe-bundle';
import { PUBLISHED_VIGNETTES } from './published-vignettes';

const TODAY = new Date('2026-11-15T14:30:00Z');
const BIRTH_SEX = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex';

/** The pathways the brief asks for, each with the facts (describeBundle lines) that make it that pathway. */
const REQUIRED: Readonly<Record<string, { readonly pathway: string; readonly facts: readonly string[] }>> = {
  'pcb-demo-under-21': {
    pathway: 'under-21',
    facts: ['Patient gender=female birthSex=F age=19', 'Condition icd10cm:N93.0 [active] @10d'],
  },
  'pcb-demo-overdue-pap': {
    pathway: 'overdue-screening',
    facts: ['Patient gender=female birthSex=F age=45', 'DiagnosticReport loinc:47528-5 = sct:373887005 @4y'],
  },
  'pcb-demo-persistent-pcb': {
    pathway: 'persistent-pcb',
    facts: [
      'Patient gender=female birthSex=F age=30',
      'Condition icd10cm:N93.0 [active] @7w',
      'Observation loinc:10524-7 = sct:373887005 @1y',
      'Observation loinc:30167-1 = sct:260385009 @1y',
      'Observation loinc:53926-2 = sct:260385009 @1mo',
      'Observation loinc:53879-3 = sct:260385009 @1mo',
      'Observation loinc:2106-3 = sct:260385009 @2d',
    ],
  },
  'pcb-demo-pregnant-8w': {
    pathway: 'pregnant-first-trimester',
    facts: ['Observation loinc:82810-3 = loinc:LA15173-0 @today', 'Observation loinc:49051-6 = 8 wk @today'],
  },
  'pcb-demo-pregnant-30w': {
    pathway: 'pregnant-third-trimester',
    facts: ['Observation loinc:11449-6 = sct:77386006 @20w', 'Observation loinc:11884-4 = 30 wk @today'],
  },
  'pcb-demo-pregnant-8w-emergency': {
    pathway: 'pregnant-emergency',
    facts: [
      'Condition icd10cm:Z33.1 [active] @4w',
      'Observation loinc:49051-6 = 8 wk @today',
      'Observation pcb:heavy-bleeding = true @today',
      'Condition sct:30473006 [active] @today',
    ],
  },
  'pcb-demo-postmenopausal': {
    pathway: 'postmenopausal',
    facts: ['Observation sct:161712005 = sct:307429007 @today'],
  },
  'pcb-demo-post-hysterectomy': {
    pathway: 'total-hysterectomy',
    facts: ['Procedure sct:116143008 @10y', 'Condition icd10cm:Z90.710 [active] @10y'],
  },
  'pcb-demo-heavy-bleeding-hypotensive': {
    pathway: 'non-pregnant-emergency',
    facts: [
      'Observation pcb:heavy-bleeding = true @today',
      'Observation loinc:8480-6 = 85 mm[Hg] @today',
      'Observation loinc:2106-3 = sct:260385009 @today',
    ],
  },
  'pcb-demo-control-no-pcb': {
    pathway: 'control-no-pcb',
    facts: ['Encounter reason=icd10cm:Z30.09 @today'],
  },
  'pcb-demo-control-male': {
    pathway: 'control-male',
    facts: ['Patient gender=male birthSex=M age=40', 'Condition icd10cm:N93.0 [active] @1w'],
  },
  'pcb-demo-control-old-pcb': {
    pathway: 'control-old-pcb',
    facts: ['Condition icd10cm:N93.0 [active] @8mo', 'Encounter reason=icd10cm:N93.0 @8mo'],
  },
  'pcb-demo-hsil-awaiting-colposcopy': {
    pathway: 'abnormal-screen-unmanaged',
    facts: ['Observation loinc:10524-7 = sct:416033009 @3mo'],
  },
  'pcb-demo-hiv-annual-cytology': {
    pathway: 'hiv-screening',
    facts: ['Condition icd10cm:B20 [active] @6y', 'Observation loinc:10524-7 = sct:373887005 @2y'],
  },
  'pcb-demo-tamoxifen-premenopausal': {
    pathway: 'tamoxifen-premenopausal',
    facts: ['Observation sct:161712005 = sct:22636003 @today', 'MedicationRequest rxnorm:10324 [active] @1y'],
  },
  'pcb-demo-cin2-history': {
    pathway: 'cin2-history',
    facts: ['Condition sct:285838002 [resolved] @3y', 'Condition icd10cm:Z87.410 [active] @3y'],
  },
  'pcb-demo-cervical-polyp': {
    pathway: 'benign-cervical-finding',
    facts: ['Observation sct:65576009 = true @today'],
  },
  'pcb-demo-menopause-unknown-imb': {
    pathway: 'menopause-unknown',
    facts: ['Patient gender=female birthSex=F age=48', 'QuestionnaireResponse intermenstrual-bleeding=true @today'],
  },
  // Revision 2 pathways
  'pcb-demo-aph-32w-shock': {
    pathway: 'antepartum-haemorrhage-shock',
    facts: [
      'Observation loinc:49051-6 = 32 wk @today',
      'Observation pcb:heavy-bleeding = true @today',
      'Observation loinc:85354-9 = [loinc:8480-6=82 mm[Hg], loinc:8462-4=48 mm[Hg]] @today',
      'Observation loinc:8867-4 = 124 /min @today',
      'Observation loinc:10331-7 = sct:165747007 @24w',
    ],
  },
  'pcb-demo-collapse-pregnancy-unknown': {
    pathway: 'instability-pregnancy-unknown',
    facts: [
      'Patient gender=female birthSex=F age=26',
      'Condition sct:271594007 [active] @today',
      'Condition sct:21522001 [active] @today',
      'Observation loinc:8480-6 = 88 mm[Hg] @today',
      'Observation loinc:8867-4 = 116 /min @today',
      'Observation loinc:8665-2 = 7w @today',
    ],
  },
  'pcb-demo-heavy-bleeding-warfarin': {
    pathway: 'heavy-bleeding-stable-anticoagulated',
    facts: [
      'MedicationRequest rxnorm:11289 [active] @3y',
      'Observation pcb:heavy-bleeding = true @today',
      'Observation loinc:85354-9 = [loinc:8480-6=118 mm[Hg], loinc:8462-4=76 mm[Hg]] @today',
      'Observation loinc:8867-4 = 92 /min @today',
    ],
  },
  'pcb-demo-praevia-18w': {
    pathway: 'placenta-praevia-before-20-weeks',
    facts: ['Condition icd10cm:O44.02 [active] @2w', 'Observation loinc:49051-6 = 18 wk @today'],
  },
  'pcb-demo-age-15': {
    pathway: 'safeguarding-minor',
    facts: ['Patient gender=female birthSex=F age=15', 'Condition icd10cm:N93.0 [active] @1w'],
  },
  'pcb-demo-uk-hiv': {
    pathway: 'uk-hiv-annual-screening',
    facts: ['Condition sct:86406008 [active] @8y', 'Observation loinc:30167-1 = sct:260385009 @2y'],
  },
  'pcb-demo-pregnant-ga-unknown': {
    pathway: 'pregnant-gestation-unknown',
    facts: ['EpisodeOfCare sct:424525001 [active] @2w'],
  },
  'pcb-demo-known-ectopic': {
    pathway: 'pregnancy-of-concern',
    facts: ['Condition icd10cm:O00.109 [active] @3d', 'Condition sct:30473006 [active] @today'],
  },
  // Revision 2 encodings
  'pcb-demo-hsil-report': {
    pathway: 'hsil-diagnostic-report',
    facts: [
      'Observation loinc:30167-1 = sct:720005005 @undated',
      'DiagnosticReport loinc:47528-5 = sct:62061000119107 @2mo results=Observation/pcb-demo-hsil-report-obs-1',
    ],
  },
  'pcb-demo-cin3-histology': {
    pathway: 'cervical-histology-report',
    facts: [
      'Observation loinc:10524-7 = sct:416033009 @26mo',
      'DiagnosticReport loinc:65753-6 = sct:20365006 @25mo',
      'Observation loinc:30167-1 = sct:787724008 @11mo',
    ],
  },
  'pcb-demo-undated-hysterectomy': {
    pathway: 'undated-hysterectomy',
    facts: ['Procedure sct:116140006 @undated'],
  },
  'pcb-demo-immune-status': {
    pathway: 'immune-status-observation',
    facts: [
      'Observation loinc:96381-9 = sct:370388006 @6mo',
      'Observation loinc:10524-7 = sct:373887005 @2y',
      'Observation loinc:30167-1 = sct:787724008 @2y',
    ],
  },
};

/**
 * The card-emitting rules of pcb-guideline.md §2 (revision 2), transcribed here: PCB-00 is the gate.
 * Every one must fire for at least one demo patient, so `npm start` can show each pathway.
 */
const SECTION_2_RULES = [
  'PCB-01',
  'PCB-02',
  'PCB-03',
  'PCB-04',
  'PCB-10',
  'PCB-11',
  'PCB-12',
  'PCB-13',
  'PCB-14',
  'PCB-15',
  'PCB-16',
  'PCB-17',
  'PCB-18',
  'PCB-19',
  'PCB-20',
  'PCB-21',
  'PCB-22',
  'PCB-23',
  'PCB-24',
  'PCB-25',
  'PCB-30',
  'PCB-31',
  'PCB-32',
  'PCB-33',
  'PCB-34',
  'PCB-40',
  'PCB-41',
  'PCB-42',
  'PCB-43',
  'PCB-44',
  'PCB-45',
  'PCB-50',
  'PCB-51',
  'PCB-52',
  'PCB-53',
  'PCB-54',
] as const;

describe('demo patients', () => {
  it('has at least 14 patients with unique pcb-demo- ids and one pathway each', () => {
    expect(DEMO_PATIENTS.length).toBeGreaterThanOrEqual(14);
    const ids = DEMO_PATIENTS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^pcb-demo-[a-z0-9-]+$/);
    }
    const pathways = DEMO_PATIENTS.map((p) => p.pathway);
    expect(new Set(pathways).size).toBe(pathways.length);
  });

  it('gives every patient a human name, a one-line story, Patient.gender and the US Core birth sex', () => {
    for (const p of DEMO_PATIENTS) {
      expect(p.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
      expect(p.story.length).toBeGreaterThan(20);
      expect(p.story).not.toMatch(/\n/);
      const patient = p.bundle(TODAY).entry?.[0]?.resource as Patient;
      expect(patient.name?.[0]?.text).toBe(p.name);
      expect(['female', 'male']).toContain(patient.gender);
      expect(patient.extension?.find((e) => e.url === BIRTH_SEX)?.valueCode).toMatch(/^[FM]$/);
    }
  });

  it('links only to vignettes that exist', () => {
    const vignetteIds = new Set(PUBLISHED_VIGNETTES.map((v) => v.id));
    for (const p of DEMO_PATIENTS) {
      if (p.relatedVignette !== undefined) {
        expect(vignetteIds.has(p.relatedVignette)).toBe(true);
      }
    }
  });

  it.each(Object.entries(REQUIRED))('%s exists with its pathway and defining facts', (id, required) => {
    const p = DEMO_PATIENTS.find((x) => x.id === id);
    expect(p?.pathway).toBe(required.pathway);
    const facts = p === undefined ? [] : describeBundle(p.bundle(TODAY), TODAY);
    expect(facts).toEqual(expect.arrayContaining([...required.facts]));
  });

  it('fires every card-emitting rule of §2 for at least one demo patient, and no other id', () => {
    const fired = new Set(DEMO_PATIENTS.flatMap((p) => p.expectedRules));
    expect(SECTION_2_RULES.filter((id) => !fired.has(id))).toEqual([]);
    expect([...fired].filter((id) => !(SECTION_2_RULES as readonly string[]).includes(id))).toEqual([]);
  });

  it('states each expectation sorted, with "none" exactly when no card is expected', () => {
    for (const p of DEMO_PATIENTS) {
      expect([...p.expectedRules]).toEqual([...p.expectedRules].sort());
      expect(p.highestIndicator === 'none').toBe(p.expectedRules.length === 0);
      // A critical card comes only from the emergency rules (§2 urgency emergency / immediate).
      expect(p.highestIndicator === 'critical').toBe(
        p.expectedRules.some((r) => ['PCB-31', 'PCB-32', 'PCB-34', 'PCB-50', 'PCB-54'].includes(r)),
      );
    }
  });

  it('marks UK-only stories UK, says so in the story, and tells every other story in US mode', () => {
    const uk = DEMO_PATIENTS.filter((p) => p.jurisdiction === 'UK').map((p) => p.id);
    expect(uk).toEqual(['pcb-demo-uk-hiv']);
    for (const p of DEMO_PATIENTS) {
      expect(/PCB_JURISDICTION=UK/.test(p.story)).toBe(p.jurisdiction === 'UK');
    }
  });

  it('records no gestation for the pregnant patient of unknown gestation (no GA, EDD or LMP)', () => {
    const p = DEMO_PATIENTS.find((x) => x.id === 'pcb-demo-pregnant-ga-unknown');
    const facts = p === undefined ? ['missing'] : describeBundle(p.bundle(TODAY), TODAY);
    expect(facts.filter((f) => /49051-6|11884-4|18185-9|11885-1|11778-8|8665-2|82810-3/.test(f))).toEqual([]);
  });

  it("keeps the instability patient's pregnancy unknown (no hCG, no pregnancy status)", () => {
    const p = DEMO_PATIENTS.find((x) => x.id === 'pcb-demo-collapse-pregnancy-unknown');
    const facts = p === undefined ? ['missing'] : describeBundle(p.bundle(TODAY), TODAY);
    expect(facts.filter((f) => /2106-3|2118-8|21198-7|83086-9|82810-3|11449-6|Z33\.1/.test(f))).toEqual([]);
  });

  it('gives the undated hysterectomy patient no cervical result and no date on the hysterectomy', () => {
    const p = DEMO_PATIENTS.find((x) => x.id === 'pcb-demo-undated-hysterectomy');
    const facts = p === undefined ? ['missing'] : describeBundle(p.bundle(TODAY), TODAY);
    expect(facts.filter((f) => /10524-7|47528-5|30167-1/.test(f))).toEqual([]);
    expect(facts.filter((f) => f.startsWith('Procedure'))).toEqual(['Procedure sct:116140006 @undated']);
  });

  it('uses the CCSM HPV result codes 787724008 and 720005005 in at least one patient each', () => {
    const all = DEMO_PATIENTS.flatMap((p) => describeBundle(p.bundle(TODAY), TODAY));
    expect(all.some((f) => f.includes('= sct:787724008'))).toBe(true);
    expect(all.some((f) => f.includes('= sct:720005005'))).toBe(true);
  });

  it('keeps the controls free of what would open the gate', () => {
    const facts = (id: string): string[] => {
      const p = DEMO_PATIENTS.find((x) => x.id === id);
      return p === undefined ? ['missing'] : describeBundle(p.bundle(TODAY), TODAY);
    };
    expect(facts('pcb-demo-control-no-pcb').filter((f) => /N93\.0|postcoital-bleeding/.test(f))).toEqual([]);
    expect(facts('pcb-demo-control-male').filter((f) => /76691-5/.test(f))).toEqual([]);
    expect(facts('pcb-demo-control-old-pcb').filter((f) => /N93\.0|postcoital-bleeding/.test(f) && !/@8mo/.test(f))).toEqual([]);
  });
});

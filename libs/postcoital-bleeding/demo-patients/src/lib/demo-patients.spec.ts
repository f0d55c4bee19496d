import type { Patient } from 'fhir/r4';
import { DEMO_PATIENTS } from './demo-patients';
import { describeBundle } from './describe-bundle';
import { PUBLISHED_VIGNETTES } from './published-vignettes';

const TODAY = new Date('2026-11-15T14:30:00Z');
const BIRTH_SEX =
  'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex';

/** The pathways the brief asks for, each with the facts (describeBundle lines) that make it that pathway. */
const REQUIRED: Readonly<
  Record<
    string,
    { readonly pathway: string; readonly facts: readonly string[] }
  >
> = {
  'pcb-demo-under-21': {
    pathway: 'under-21',
    facts: [
      'Patient gender=female birthSex=F age=19',
      'Condition icd10cm:N93.0 [active] @10d',
    ],
  },
  'pcb-demo-overdue-pap': {
    pathway: 'overdue-screening',
    facts: [
      'Patient gender=female birthSex=F age=45',
      'DiagnosticReport loinc:47528-5 = sct:373887005 @4y',
    ],
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
    facts: [
      'Observation loinc:82810-3 = loinc:LA15173-0 @today',
      'Observation loinc:49051-6 = 8 wk @today',
    ],
  },
  'pcb-demo-pregnant-30w': {
    pathway: 'pregnant-third-trimester',
    facts: [
      'Observation loinc:11449-6 = sct:77386006 @20w',
      'Observation loinc:11884-4 = 30 wk @today',
    ],
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
    facts: [
      'Procedure sct:116143008 @10y',
      'Condition icd10cm:Z90.710 [active] @10y',
    ],
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
    facts: [
      'Patient gender=male birthSex=M age=40',
      'Condition icd10cm:N93.0 [active] @1w',
    ],
  },
  'pcb-demo-control-old-pcb': {
    pathway: 'control-old-pcb',
    facts: [
      'Condition icd10cm:N93.0 [active] @8mo',
      'Encounter reason=icd10cm:N93.0 @8mo',
    ],
  },
  'pcb-demo-hsil-awaiting-colposcopy': {
    pathway: 'abnormal-screen-unmanaged',
    facts: ['Observation loinc:10524-7 = sct:416033009 @3mo'],
  },
  'pcb-demo-hiv-annual-cytology': {
    pathway: 'hiv-screening',
    facts: [
      'Condition icd10cm:B20 [active] @6y',
      'Observation loinc:10524-7 = sct:373887005 @2y',
    ],
  },
  'pcb-demo-tamoxifen-premenopausal': {
    pathway: 'tamoxifen-premenopausal',
    facts: [
      'Observation sct:161712005 = sct:22636003 @today',
      'MedicationRequest rxnorm:10324 [active] @1y',
    ],
  },
  'pcb-demo-cin2-history': {
    pathway: 'cin2-history',
    facts: [
      'Condition sct:285838002 [resolved] @3y',
      'Condition icd10cm:Z87.410 [active] @3y',
    ],
  },
  'pcb-demo-cervical-polyp': {
    pathway: 'benign-cervical-finding',
    facts: ['Observation sct:65576009 = true @today'],
  },
  'pcb-demo-menopause-unknown-imb': {
    pathway: 'menopause-unknown',
    facts: [
      'Patient gender=female birthSex=F age=48',
      'QuestionnaireResponse intermenstrual-bleeding=true @today',
    ],
  },
};

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
      expect(
        patient.extension?.find((e) => e.url === BIRTH_SEX)?.valueCode,
      ).toMatch(/^[FM]$/);
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

  it.each(Object.entries(REQUIRED))(
    '%s exists with its pathway and defining facts',
    (id, required) => {
      const p = DEMO_PATIENTS.find((x) => x.id === id);
      expect(p?.pathway).toBe(required.pathway);
      const facts =
        p === undefined ? [] : describeBundle(p.bundle(TODAY), TODAY);
      expect(facts).toEqual(expect.arrayContaining([...required.facts]));
    },
  );

  it('keeps the controls free of what would open the gate', () => {
    const facts = (id: string): string[] => {
      const p = DEMO_PATIENTS.find((x) => x.id === id);
      return p === undefined
        ? ['missing']
        : describeBundle(p.bundle(TODAY), TODAY);
    };
    expect(
      facts('pcb-demo-control-no-pcb').filter((f) =>
        /N93\.0|postcoital-bleeding/.test(f),
      ),
    ).toEqual([]);
    expect(
      facts('pcb-demo-control-male').filter((f) => /76691-5/.test(f)),
    ).toEqual([]);
    expect(
      facts('pcb-demo-control-old-pcb').filter(
        (f) => /N93\.0|postcoital-bleeding/.test(f) && !/@8mo/.test(f),
      ),
    ).toEqual([]);
  });
});

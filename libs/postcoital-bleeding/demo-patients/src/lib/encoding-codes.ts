/**
 * Every system URI and code the demo-patient builder writes, as data, in one place.
 *
 * The contract is `docs/clinical/fact-encoding.md` (cited below as "FE: <row>") and the code
 * tables of `docs/clinical/pcb-guideline.md` §4 (cited as "G §4.x"). Codes match on system AND
 * code; `display` strings are human-readable labels for people browsing the sandbox, not the
 * normative display of the code system.
 */

/** A coding the builder may write. */
export interface CodeDef {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

// ---------------------------------------------------------------------------------------------
// Systems (FE: "System URIs"; FHIR R4 core code systems for the structural codings)
// ---------------------------------------------------------------------------------------------

export const SYSTEMS = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  /** ICD-10-PCS (G §4 "FHIR system URIs"), used only for the hysterectomy procedure codes of G §4.4. */
  icd10pcs: 'http://www.cms.gov/Medicare/Coding/ICD10',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  /** CPT (G §4 "FHIR system URIs"); listed for the colposcopy/treatment/transplant codes of FE rev 2 only. */
  cpt: 'http://www.ama-assn.org/go/cpt',
  ucum: 'http://unitsofmeasure.org',
  pcbFacts: 'http://pcb-cds.org/fhir/CodeSystem/pcb-facts',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  v3ActCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
} as const;

/** Short aliases accepted by the generic builder methods (`.condition('icd10cm', 'B20')`). */
export type SystemAlias = 'loinc' | 'snomed' | 'icd10cm' | 'icd10pcs' | 'rxnorm' | 'cpt' | 'pcbFacts';

/** FE "Sex / gender": US Core birth sex extension (valueCode F/M; UNK allowed by US Core). */
export const US_CORE_BIRTH_SEX_URL = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex';

/**
 * FE (last paragraph): the project publishes a Questionnaire of the seed-000 history items; a
 * QuestionnaireResponse answer whose linkId equals a project code counts like the Observation.
 * The canonical URL below is this library's assumption (no published URL existed when written).
 */
export const PCB_HISTORY_QUESTIONNAIRE_URL = 'http://pcb-cds.org/fhir/Questionnaire/pcb-history';

const loinc = (code: string, display?: string): CodeDef => ({
  system: SYSTEMS.loinc,
  code,
  display,
});
const sct = (code: string, display?: string): CodeDef => ({
  system: SYSTEMS.snomed,
  code,
  display,
});
const icd = (code: string, display?: string): CodeDef => ({
  system: SYSTEMS.icd10cm,
  code,
  display,
});
const pcs = (code: string, display?: string): CodeDef => ({
  system: SYSTEMS.icd10pcs,
  code,
  display,
});
const rx = (code: string, display?: string): CodeDef => ({
  system: SYSTEMS.rxnorm,
  code,
  display,
});
const cpt = (code: string, display?: string): CodeDef => ({
  system: SYSTEMS.cpt,
  code,
  display,
});
const pcb = (code: string, display?: string): CodeDef => ({
  system: SYSTEMS.pcbFacts,
  code,
  display,
});

// ---------------------------------------------------------------------------------------------
// Structural codings (FHIR R4 / US Core; not facts, but written on every resource)
// ---------------------------------------------------------------------------------------------

export const CONDITION_CLINICAL_STATUS = {
  active: {
    system: SYSTEMS.conditionClinical,
    code: 'active',
    display: 'Active',
  },
  recurrence: {
    system: SYSTEMS.conditionClinical,
    code: 'recurrence',
    display: 'Recurrence',
  },
  relapse: {
    system: SYSTEMS.conditionClinical,
    code: 'relapse',
    display: 'Relapse',
  },
  inactive: {
    system: SYSTEMS.conditionClinical,
    code: 'inactive',
    display: 'Inactive',
  },
  remission: {
    system: SYSTEMS.conditionClinical,
    code: 'remission',
    display: 'Remission',
  },
  resolved: {
    system: SYSTEMS.conditionClinical,
    code: 'resolved',
    display: 'Resolved',
  },
} as const satisfies Record<string, CodeDef>;
export type ConditionClinicalStatus = keyof typeof CONDITION_CLINICAL_STATUS;

export const CONDITION_VERIFICATION_CONFIRMED: CodeDef = {
  system: SYSTEMS.conditionVerification,
  code: 'confirmed',
  display: 'Confirmed',
};

export const CONDITION_CATEGORY = {
  'problem-list-item': {
    system: SYSTEMS.conditionCategory,
    code: 'problem-list-item',
    display: 'Problem List Item',
  },
  'encounter-diagnosis': {
    system: SYSTEMS.conditionCategory,
    code: 'encounter-diagnosis',
    display: 'Encounter Diagnosis',
  },
} as const satisfies Record<string, CodeDef>;
export type ConditionCategory = keyof typeof CONDITION_CATEGORY;

export const OBSERVATION_CATEGORY = {
  'vital-signs': {
    system: SYSTEMS.observationCategory,
    code: 'vital-signs',
    display: 'Vital Signs',
  },
  laboratory: {
    system: SYSTEMS.observationCategory,
    code: 'laboratory',
    display: 'Laboratory',
  },
  'social-history': {
    system: SYSTEMS.observationCategory,
    code: 'social-history',
    display: 'Social History',
  },
  exam: { system: SYSTEMS.observationCategory, code: 'exam', display: 'Exam' },
  imaging: {
    system: SYSTEMS.observationCategory,
    code: 'imaging',
    display: 'Imaging',
  },
  survey: {
    system: SYSTEMS.observationCategory,
    code: 'survey',
    display: 'Survey',
  },
} as const satisfies Record<string, CodeDef>;
export type ObservationCategory = keyof typeof OBSERVATION_CATEGORY;

export const ENCOUNTER_CLASS_AMBULATORY: CodeDef = {
  system: SYSTEMS.v3ActCode,
  code: 'AMB',
  display: 'ambulatory',
};

/**
 * Facts contract `setting` (R2-29): Encounter class EMER / IMP / ACUTE / OBSENC → hospital;
 * AMB / VR / HH → outpatient. v3 ActCode displays.
 */
export const ENCOUNTER_CLASSES = {
  ambulatory: ENCOUNTER_CLASS_AMBULATORY,
  emergency: { system: SYSTEMS.v3ActCode, code: 'EMER', display: 'emergency' },
  inpatient: {
    system: SYSTEMS.v3ActCode,
    code: 'IMP',
    display: 'inpatient encounter',
  },
} as const satisfies Record<string, CodeDef>;
export type EncounterClass = keyof typeof ENCOUNTER_CLASSES;

/** UCUM units (FE "Gestational age" wk; "hCG result" mIU/mL; "Vital signs"; "Endometrial thickness" mm). */
export const UCUM = {
  weeks: { unit: 'wk', code: 'wk' },
  millimetres: { unit: 'mm', code: 'mm' },
  mmHg: { unit: 'mmHg', code: 'mm[Hg]' },
  perMinute: { unit: 'beats/minute', code: '/min' },
  celsius: { unit: 'Cel', code: 'Cel' },
  milliIuPerMl: { unit: 'mIU/mL', code: 'm[IU]/mL' },
} as const;

// ---------------------------------------------------------------------------------------------
// FE "PCB episode"
// ---------------------------------------------------------------------------------------------

export const PCB = {
  /** Condition code (and Encounter.reasonCode). */
  icd10: icd('N93.0', 'Postcoital and contact bleeding'),
  /** Observation code with valueBoolean true. */
  observation: pcb('postcoital-bleeding', 'Postcoital bleeding'),
} as const;

/** A non-PCB visit reason for controls (not a fact; ICD-10-CM contraception counselling). */
export const CONTRACEPTION_COUNSELLING_REASON = icd('Z30.09', 'Encounter for other general counseling and advice on contraception');

// ---------------------------------------------------------------------------------------------
// FE "Sex / gender"
// ---------------------------------------------------------------------------------------------

export const GENDER_IDENTITY = {
  /** FE: gender identity Observation LOINC 76691-5. */
  observation: loinc('76691-5', 'Gender identity'),
  /** Values: SNOMED codes of the US Core gender-identity value set; 407377005 per G §1 [T2]. */
  values: {
    female: sct('446141000124107', 'Identifies as female gender'),
    male: sct('446151000124109', 'Identifies as male gender'),
    'transgender-male': sct('407377005', 'Female-to-male transsexual'),
    'transgender-female': sct('407376001', 'Male-to-female transsexual'),
    'non-binary': sct('33791000087105', 'Identifies as nonbinary gender'),
  },
} as const;
export type GenderIdentity = keyof typeof GENDER_IDENTITY.values;

// ---------------------------------------------------------------------------------------------
// FE "Pregnancy status"
// ---------------------------------------------------------------------------------------------

export const PREGNANCY_STATUS = {
  questions: {
    '82810-3': loinc('82810-3', 'Pregnancy status'),
    '11449-6': loinc('11449-6', 'Pregnancy status - Reported'),
  },
  answers: {
    loinc: {
      pregnant: loinc('LA15173-0', 'Pregnant'),
      'not-pregnant': loinc('LA26683-5', 'Not pregnant'),
      unknown: loinc('LA4489-6', 'Unknown'),
    },
    /** FE: "SNOMED 77386006 / 60001007 also accepted" (no SNOMED "unknown" in the contract). */
    snomed: {
      pregnant: sct('77386006', 'Pregnant'),
      'not-pregnant': sct('60001007', 'Not pregnant'),
    },
  },
  /** FE: Condition ICD-10-CM Z33.1 active = pregnant. */
  condition: icd('Z33.1', 'Pregnant state, incidental'),
} as const;
export type PregnancyStatusQuestion = keyof typeof PREGNANCY_STATUS.questions;

// ---------------------------------------------------------------------------------------------
// FE "Gestational age" (GA, EDD, LMP)
// ---------------------------------------------------------------------------------------------

export const GESTATIONAL_AGE = {
  '49051-6': loinc('49051-6', 'Gestational age in weeks'),
  '11884-4': loinc('11884-4', 'Gestational age Estimated'),
  '18185-9': loinc('18185-9', 'Gestational age'),
  '11885-1': loinc('11885-1', 'Gestational age Estimated from last menstrual period'),
} as const;
export type GestationalAgeCode = keyof typeof GESTATIONAL_AGE;

export const EDD = loinc('11778-8', 'Delivery date Estimated');
export const LMP = loinc('8665-2', 'Last menstrual period start date');

// ---------------------------------------------------------------------------------------------
// FE "hCG result"
// ---------------------------------------------------------------------------------------------

export const HCG = {
  qualitative: {
    urine: loinc('2106-3', 'Choriogonadotropin (pregnancy test) [Presence] in Urine'),
    serum: loinc('2118-8', 'Choriogonadotropin (pregnancy test) [Presence] in Serum or Plasma'),
  },
  quantitative: {
    '21198-7': loinc('21198-7', 'Choriogonadotropin.beta subunit [Units/volume] in Serum or Plasma'),
    '83086-9': loinc('83086-9', 'Choriogonadotropin [Units/volume] in Serum or Plasma by Immunoassay'),
  },
  /** FE: quantitative >= 25 mIU/mL counts as positive. */
  positiveThresholdMiuPerMl: 25,
} as const;
export type HcgSpecimen = keyof typeof HCG.qualitative;
export type QuantitativeHcgCode = keyof typeof HCG.quantitative;

/** FE "hCG result", "STI NAAT", G §4.5 HPV results: the shared positive/negative result values. */
export const RESULT = {
  positive: sct('10828004', 'Positive'),
  negative: sct('260385009', 'Negative'),
} as const;
export type QualitativeResult = keyof typeof RESULT;

// ---------------------------------------------------------------------------------------------
// FE "Pregnancy ended"
// ---------------------------------------------------------------------------------------------

export const PREGNANCY_ENDED = {
  /** Procedure SNOMED 236973005 (delivery procedure). */
  'delivery-procedure': {
    resource: 'Procedure',
    coding: sct('236973005', 'Delivery procedure'),
  },
  /** Condition ICD-10-CM starting Z37 (outcome of delivery). */
  'delivery-outcome': {
    resource: 'Condition',
    coding: icd('Z37.0', 'Single live birth'),
  },
  /** Condition ICD-10-CM O00-O08 (pregnancy with abortive outcome). */
  miscarriage: {
    resource: 'Condition',
    coding: icd('O03.9', 'Complete or unspecified spontaneous abortion without complication'),
  },
  'missed-abortion': {
    resource: 'Condition',
    coding: icd('O02.1', 'Missed abortion'),
  },
  ectopic: {
    resource: 'Condition',
    coding: icd('O00.90', 'Unspecified ectopic pregnancy without intrauterine pregnancy'),
  },
} as const;
export type PregnancyEndKind = keyof typeof PREGNANCY_ENDED | 'not-pregnant';

/**
 * FE "Placenta praevia" (rev 2, R2-17/R2-31): Condition ICD-10-CM starting O44 or SNOMED 36813001 and
 * its descendants, low-lying placenta, vasa praevia O69.4; active, in the current pregnancy.
 */
export const PLACENTA_PRAEVIA = {
  '36813001': sct('36813001', 'Placenta previa'),
  '198903000': sct('198903000', 'Placenta previa with hemorrhage'),
  'O44.02': icd('O44.02', 'Complete placenta previa NOS or without hemorrhage, second trimester'),
  'O44.03': icd('O44.03', 'Complete placenta previa NOS or without hemorrhage, third trimester'),
  'O44.42': icd('O44.42', 'Low lying placenta NOS or without hemorrhage, second trimester'),
  'O69.4': icd('O69.4', 'Labor and delivery complicated by vasa previa'),
} as const;
export type PlacentaPraeviaCode = keyof typeof PLACENTA_PRAEVIA;

/**
 * FE "Pregnancy (R2-25)": pregnancy O-codes (pregnant only for O09–O48, O60.0x, O98–O9A with an
 * antepartum/trimester final character), never O80–O94 or a postpartum/lactation character;
 * pregnancy of concern O00.x / O01.x / O02.x / O03.0–O03.4; antenatal EpisodeOfCare type 424525001.
 */
export const PREGNANCY_CODES = {
  antenatalCareEpisode: sct('424525001', 'Antenatal care'),
  /** Counts as pregnant (antepartum / trimester final character). */
  pregnant: {
    'O09.892': icd('O09.892', 'Supervision of other high risk pregnancies, second trimester'),
    'O26.893': icd('O26.893', 'Other specified pregnancy related conditions, third trimester'),
    'O99.013': icd('O99.013', 'Anemia complicating pregnancy, third trimester'),
  },
  /** Never pregnant: childbirth / puerperium / lactation. */
  notPregnant: {
    'O99.03': icd('O99.03', 'Anemia complicating the puerperium'),
    'O92.70': icd('O92.70', 'Unspecified disorders of lactation'),
    O80: icd('O80', 'Encounter for full-term uncomplicated delivery'),
  },
  /** Pregnancy of concern (pregnant, GA < 20) unless a later treatment procedure ends it. */
  ofConcern: {
    'O00.109': icd('O00.109', 'Unspecified tubal pregnancy without intrauterine pregnancy'),
    'O01.9': icd('O01.9', 'Hydatidiform mole, unspecified'),
    'O02.1': icd('O02.1', 'Missed abortion'),
    'O03.4': icd('O03.4', 'Incomplete spontaneous abortion without complication'),
  },
  /** Ends a pregnancy: completed abortion O03.9 / O04.x (besides delivery and Z37.x). */
  ended: {
    'O03.9': icd('O03.9', 'Complete or unspecified spontaneous abortion without complication'),
    'O04.89': icd('O04.89', '(Induced) termination of pregnancy with other complications'),
  },
} as const;

// ---------------------------------------------------------------------------------------------
// FE "Menopausal status" (G §4.3)
// ---------------------------------------------------------------------------------------------

export const MENOPAUSE = {
  /** Observation code: SNOMED 161712005 Menopause, function (observable entity). */
  observation: sct('161712005', 'Menopause, function'),
  /** Observation values by status; the first of each list is the builder's default. */
  values: {
    post: [
      sct('76498008', 'Postmenopausal state'),
      sct('307429007', 'After menopause'),
      sct('289903006', 'Menopause present'),
      sct('371036001', 'Postsurgical menopause'),
      sct('373717006', 'Premature menopause'),
    ],
    pre: [sct('22636003', 'Premenopausal state'), sct('309606002', 'Before menopause')],
    peri: [sct('161541000119104', 'Perimenopausal')],
  },
  /** Condition codes (all mean post). */
  conditions: [
    icd('N95.1', 'Menopausal and female climacteric states'),
    icd('E28.310', 'Symptomatic premature menopause'),
    icd('E28.319', 'Asymptomatic premature menopause'),
  ],
} as const;
export type MenopauseStatus = keyof typeof MENOPAUSE.values;

/** FE rev 2 "Menopausal status": an Observation whose `code` is the state itself. */
export const MENOPAUSE_STATE_OBSERVATIONS = {
  post: sct('76498008', 'Postmenopausal state'),
  /** ✖ unverified (FE caveats): premenopausal amenorrhoea → not post. */
  'not-post': sct('32590007', 'Premenopausal amenorrhea'),
} as const;

// ---------------------------------------------------------------------------------------------
// FE "Hysterectomy / cervix" (G §4.4 groups: no-cervix, cervix-retained, ambiguous)
// ---------------------------------------------------------------------------------------------

export type HysterectomyGroup = 'no-cervix' | 'cervix-retained' | 'ambiguous';
export interface HysterectomyCodeDef {
  readonly coding: CodeDef;
  readonly group: HysterectomyGroup;
  /** Procedures are performed; the "history of"/"absence of" codes are Conditions. */
  readonly resource: 'Procedure' | 'Condition';
}
const hyst = (coding: CodeDef, group: HysterectomyGroup, resource: 'Procedure' | 'Condition'): HysterectomyCodeDef => ({
  coding,
  group,
  resource,
});
export const HYSTERECTOMY_CODES: readonly HysterectomyCodeDef[] = [
  // No cervix: VSAC Hysterectomy with No Residual Cervix (G §4.4)
  hyst(sct('116140006', 'Total hysterectomy'), 'no-cervix', 'Procedure'),
  hyst(sct('116142003', 'Radical hysterectomy'), 'no-cervix', 'Procedure'),
  hyst(sct('116143008', 'Total abdominal hysterectomy'), 'no-cervix', 'Procedure'),
  hyst(sct('116144002', 'Total abdominal hysterectomy with bilateral salpingo-oophorectomy'), 'no-cervix', 'Procedure'),
  hyst(sct('236888001', 'Laparoscopic total hysterectomy'), 'no-cervix', 'Procedure'),
  hyst(sct('236891001', 'Laparoscopic radical hysterectomy'), 'no-cervix', 'Procedure'),
  hyst(sct('307771009', 'Radical abdominal hysterectomy'), 'no-cervix', 'Procedure'),
  hyst(sct('35955002', 'Radical vaginal hysterectomy'), 'no-cervix', 'Procedure'),
  hyst(sct('24293001', 'Excision of cervical stump'), 'no-cervix', 'Procedure'),
  hyst(sct('287924009', 'Excision of cervical stump'), 'no-cervix', 'Procedure'),
  hyst(sct('41566006', 'Excision of cervical stump'), 'no-cervix', 'Procedure'),
  hyst(sct('387626007', 'Amputation of cervix'), 'no-cervix', 'Procedure'),
  hyst(pcs('0UTC0ZZ', 'Resection of Cervix, Open Approach'), 'no-cervix', 'Procedure'),
  hyst(pcs('0UTC4ZZ', 'Resection of Cervix, Percutaneous Endoscopic Approach'), 'no-cervix', 'Procedure'),
  hyst(pcs('0UTC7ZZ', 'Resection of Cervix, Via Natural or Artificial Opening'), 'no-cervix', 'Procedure'),
  hyst(pcs('0UTC8ZZ', 'Resection of Cervix, Via Natural or Artificial Opening Endoscopic'), 'no-cervix', 'Procedure'),
  // No cervix: VSAC Congenital or Acquired Absence of Cervix (G §4.4)
  hyst(icd('Z90.710', 'Acquired absence of both cervix and uterus'), 'no-cervix', 'Condition'),
  hyst(icd('Z90.712', 'Acquired absence of cervix with remaining uterus'), 'no-cervix', 'Condition'),
  hyst(icd('Q51.5', 'Agenesis and aplasia of cervix'), 'no-cervix', 'Condition'),
  hyst(sct('428078001', 'History of total hysterectomy'), 'no-cervix', 'Condition'),
  hyst(sct('429290001', 'History of radical hysterectomy'), 'no-cervix', 'Condition'),
  hyst(sct('473171009', 'History of vaginal hysterectomy'), 'no-cervix', 'Condition'),
  hyst(sct('248911005', 'Uterine cervix absent'), 'no-cervix', 'Condition'),
  // Cervix retained (subtotal / supracervical)
  hyst(sct('387644004', 'Supracervical hysterectomy'), 'cervix-retained', 'Procedure'),
  hyst(sct('236889009', 'Laparoscopic supracervical hysterectomy'), 'cervix-retained', 'Procedure'),
  hyst(sct('176795006', 'Subtotal abdominal hysterectomy'), 'cervix-retained', 'Procedure'),
  hyst(sct('431316002', 'Laparoscopic subtotal hysterectomy'), 'cervix-retained', 'Procedure'),
  hyst(sct('17744000', 'Subtotal hysterectomy after cesarean delivery'), 'cervix-retained', 'Procedure'),
  hyst(pcs('0UT90ZL', 'Resection of Uterus, Supracervical, Open Approach'), 'cervix-retained', 'Procedure'),
  hyst(pcs('0UT97ZL', 'Resection of Uterus, Supracervical, Via Natural or Artificial Opening'), 'cervix-retained', 'Procedure'),
  hyst(icd('Z90.711', 'Acquired absence of uterus with remaining cervical stump'), 'cervix-retained', 'Condition'),
  // Ambiguous (-> hyst=unknown, PCB-04)
  hyst(sct('236886002', 'Hysterectomy'), 'ambiguous', 'Procedure'),
  hyst(sct('116141005', 'Abdominal hysterectomy'), 'ambiguous', 'Procedure'),
  hyst(sct('236887006', 'Laparoscopic hysterectomy'), 'ambiguous', 'Procedure'),
  hyst(sct('387643005', 'Partial hysterectomy'), 'ambiguous', 'Procedure'),
  hyst(pcs('0UT90ZZ', 'Resection of Uterus, Open Approach'), 'ambiguous', 'Procedure'),
  hyst(pcs('0UT97ZZ', 'Resection of Uterus, Via Natural or Artificial Opening'), 'ambiguous', 'Procedure'),
];

// ---------------------------------------------------------------------------------------------
// FE "Cervical screening" (G §4.5)
// ---------------------------------------------------------------------------------------------

export const CYTOLOGY_TEST_CODES = {
  /** Default: the coded-result cytology observation. */
  '10524-7': loinc('10524-7', 'Microscopic observation [Identifier] in Cervical or vaginal smear or scraping by Cyto stain'),
  '18500-9': loinc('18500-9'),
  '19762-4': loinc('19762-4'),
  '19764-0': loinc('19764-0'),
  '19765-7': loinc('19765-7'),
  '19766-5': loinc('19766-5'),
  '19774-9': loinc('19774-9'),
  '33717-0': loinc('33717-0'),
  '47527-7': loinc('47527-7', 'Cytology report of Cervical or vaginal smear or scraping Cyto stain.thin prep'),
  '47528-5': loinc('47528-5', 'Cytology report of Cervical or vaginal smear or scraping Cyto stain'),
} as const;
export type CytologyTestCode = keyof typeof CYTOLOGY_TEST_CODES;

export const HPV_TEST_CODES = {
  /** Default: high-risk HPV DNA, cervix. */
  '30167-1': loinc('30167-1', 'Human papilloma virus 16+18+31+33+35+39+45+51+52+56+58+59+68 DNA [Presence] in Cervix'),
  '21440-3': loinc('21440-3'),
  '38372-9': loinc('38372-9'),
  '59263-4': loinc('59263-4', 'Human papilloma virus 16 DNA [Presence] in Cervix'),
  '59264-2': loinc('59264-2', 'Human papilloma virus 18 DNA [Presence] in Cervix'),
  '59420-0': loinc('59420-0'),
  '69002-4': loinc('69002-4'),
  '71431-1': loinc('71431-1'),
  '75694-0': loinc('75694-0'),
  '77379-6': loinc('77379-6'),
  '77399-4': loinc('77399-4', 'Human papilloma virus 16 DNA [Presence] in Cervix by NAA with probe detection'),
  '77400-0': loinc('77400-0', 'Human papilloma virus 18 DNA [Presence] in Cervix by NAA with probe detection'),
  '82354-2': loinc('82354-2'),
  '82456-5': loinc('82456-5'),
  '82675-0': loinc('82675-0', 'Human papilloma virus DNA [Interpretation] in Cervix'),
  '95539-3': loinc('95539-3'),
} as const;
export type HpvTestCode = keyof typeof HPV_TEST_CODES;

/** CCSM CervicalCytologyResult (G §4.5), keyed by the Bethesda abbreviation used in the vignettes. */
export const CYTOLOGY_RESULTS = {
  NILM: sct('373887005', 'Negative for intraepithelial lesion or malignancy'),
  'ASC-US': sct('441087007', 'Atypical squamous cells of undetermined significance'),
  LSIL: sct('62051000119105', 'Low grade squamous intraepithelial lesion'),
  'LSIL-cytology': sct('416030007', 'Low grade squamous intraepithelial lesion on cervical Papanicolaou smear'),
  'ASC-H': sct('441088002', 'Atypical squamous cells, cannot exclude high grade squamous intraepithelial lesion'),
  HSIL: sct('416033009', 'High grade squamous intraepithelial lesion'),
  AGC: sct('441219009', 'Atypical glandular cells'),
  'AGC-favor-neoplastic': sct('373883009', 'Atypical glandular cells, favor neoplastic'),
  'atypical-endocervical': sct('441094005', 'Atypical endocervical cells'),
  'endocervical-favor-neoplastic': sct('373882004', 'Atypical endocervical cells, favor neoplastic'),
  'endocervical-AIS': sct('447760009', 'Endocervical adenocarcinoma in situ'),
  AIS: sct('254890008', 'Adenocarcinoma in situ'),
  SCC: sct('1162767002', 'Squamous cell carcinoma'),
  'atypical-endometrial': sct('103646000', 'Atypical endometrial cells'),
  'benign-endometrial-postmenopausal': sct('125155008', 'Benign endometrial cells in a postmenopausal woman'),
  unsatisfactory: sct('126481000119106', 'Unsatisfactory cervical cytology'),
  // FE rev 2 "Cytology result": the codes the CCSM test data uses
  'HSIL-pap-smear': sct('62061000119107', 'High grade squamous intraepithelial lesion on cervical Papanicolaou smear'),
  'unsatisfactory-specimen': sct('112631006', 'Specimen unsatisfactory for evaluation'),
  'TZ-absent': sct('412716005', 'Transformation zone absent'),
} as const;
export type CytologyResult = keyof typeof CYTOLOGY_RESULTS;

/** CCSM HpvTestResult (G §4.5). */
export const HPV_RESULTS = {
  negative: RESULT.negative,
  positive: sct('10828004', 'Positive (high-risk HPV, not 16/18)'),
  'hpv16-positive': sct('708298003', 'Human papillomavirus 16 DNA detected'),
  'hpv18-positive': sct('708299006', 'Human papillomavirus 18 DNA detected'),
  // FE rev 2 "HPV result": the codes the CCSM test data uses
  'dna-negative': sct('787724008', 'HPV DNA test negative'),
  'not-detected': sct('260415000', 'Not detected'),
  'dna-positive-high-risk': sct('720005005', 'HPV DNA test positive, high risk'),
  detected: sct('260373001', 'Detected'),
  'hpv31-dna': sct('708301004', 'Human papillomavirus 31 DNA'),
} as const;
export type HpvResult = keyof typeof HPV_RESULTS;

/** FE "Cervical screening": ICD-10-CM R87.6xx / R87.810 Conditions count as abnormal results. */
export const ABNORMAL_CERVICAL_DIAGNOSES = {
  'R87.610': icd('R87.610', 'Atypical squamous cells of undetermined significance on cytologic smear of cervix (ASC-US)'),
  'R87.611': icd(
    'R87.611',
    'Atypical squamous cells cannot exclude high grade squamous intraepithelial lesion on cytologic smear of cervix (ASC-H)',
  ),
  'R87.612': icd('R87.612', 'Low grade squamous intraepithelial lesion on cytologic smear of cervix (LGSIL)'),
  'R87.613': icd('R87.613', 'High grade squamous intraepithelial lesion on cytologic smear of cervix (HGSIL)'),
  'R87.615': icd('R87.615', 'Unsatisfactory cytologic smear of cervix'),
  'R87.616': icd('R87.616', 'Satisfactory cervical smear but lacking transformation zone'),
  'R87.618': icd('R87.618', 'Other abnormal cytological findings on specimens from cervix uteri'),
  'R87.619': icd('R87.619', 'Unspecified abnormal cytological findings in specimens from cervix uteri'),
  'R87.810': icd('R87.810', 'Cervical high risk human papillomavirus (HPV) DNA test positive'),
} as const;
export type AbnormalCervicalDiagnosis = keyof typeof ABNORMAL_CERVICAL_DIAGNOSES;

// ---------------------------------------------------------------------------------------------
// FE "Colposcopy"
// ---------------------------------------------------------------------------------------------

export const COLPOSCOPY = {
  colposcopy: sct('392003006', 'Colposcopy'),
  ecc: sct('52889002', 'Endocervical curettage'),
  // FE rev 2 "Colposcopy / treatment"
  'colposcopy-cpt': cpt('57455', 'Colposcopy of the cervix with biopsy'),
  /** An order, not a colposcopy done (FE caveats). */
  'colposcopy-order': sct('176786003', 'Colposcopy'),
} as const;

/** FE rev 2 "Colposcopy / treatment": excision/ablation of a cervical precancer = CIN2+ history and colposcopy/histology since. */
export const CERVICAL_TREATMENT = {
  '120038005': sct('120038005', 'Cervix excision'),
  '57520': cpt('57520', 'Conization of cervix'),
  '236876003': sct('236876003', 'Cervical treatment procedure (FE rev 2)'),
  '78203001': sct('78203001', 'Cervical treatment procedure (FE rev 2)'),
  '176771009': sct('176771009', 'Cervical treatment procedure (FE rev 2)'),
  '176772002': sct('176772002', 'Cervical treatment procedure (FE rev 2)'),
  '300595006': sct('300595006', 'Cervical treatment procedure (FE rev 2)'),
  '31197001': sct('31197001', 'Cervical treatment procedure (FE rev 2)'),
  '74580009': sct('74580009', 'Cervical treatment procedure (FE rev 2)'),
} as const;
export type CervicalTreatmentCode = keyof typeof CERVICAL_TREATMENT;

/**
 * FE rev 2 "Cervical histology": DiagnosticReport or Observation LOINC 65753-6 with the result in
 * `conclusionCode` / value. CIN2+ histology is CIN2+ history; any histology is "colposcopy/histology since".
 */
export const HISTOLOGY = {
  report: loinc('65753-6', 'Cervix Pathology biopsy report'),
  results: {
    CIN1: sct('285836003', 'Cervical intraepithelial neoplasia grade 1'),
    CIN2: sct('285838002', 'Cervical intraepithelial neoplasia grade 2'),
    CIN3: sct('20365006', 'Cervical intraepithelial neoplasia grade 3'),
    'HSIL-morphology': sct('22725004', 'High grade squamous intraepithelial lesion (morphology)'),
    AIS: sct('254890008', 'Adenocarcinoma in situ'),
    'endocervical-AIS': sct('447760009', 'Endocervical adenocarcinoma in situ'),
    cancer: sct('363354003', 'Malignant tumor of cervix'),
    'cancer-109880006': sct('109880006', 'Cervical cancer (FE rev 2 example)'),
    'cancer-254886006': sct('254886006', 'Cervical cancer (FE rev 2 example)'),
    normal: sct('165324008', 'Normal histology (FE rev 2)'),
    'normal-309162003': sct('309162003', 'Normal histology (FE rev 2)'),
  },
} as const;
export type HistologyResult = keyof typeof HISTOLOGY.results;

// ---------------------------------------------------------------------------------------------
// FE "CIN2+ / cervical cancer history" (G §4.5 CIN / precancer / cancer)
// ---------------------------------------------------------------------------------------------

export const CERVICAL_HISTORY_CODES = {
  '285838002': sct('285838002', 'Cervical intraepithelial neoplasia grade 2'),
  '252991009': sct('252991009', 'Cervical intraepithelial neoplasia grade III with severe dysplasia'),
  '92564006': sct('92564006', 'Carcinoma in situ of cervix'),
  '363354003': sct('363354003', 'Malignant tumor of cervix'),
  'N87.1': icd('N87.1', 'Moderate cervical dysplasia'),
  'Z87.410': icd('Z87.410', 'Personal history of cervical dysplasia'),
  'Z85.41': icd('Z85.41', 'Personal history of malignant neoplasm of cervix uteri'),
  'C53.0': icd('C53.0', 'Malignant neoplasm of endocervix'),
  'C53.1': icd('C53.1', 'Malignant neoplasm of exocervix'),
  'C53.8': icd('C53.8', 'Malignant neoplasm of overlapping sites of cervix uteri'),
  'C53.9': icd('C53.9', 'Malignant neoplasm of cervix uteri, unspecified'),
  // Below CIN2 (not history for PCB-44; listed so controls can be written)
  '285836003': sct('285836003', 'Cervical intraepithelial neoplasia grade 1'),
  'N87.0': icd('N87.0', 'Mild cervical dysplasia'),
} as const;
export type CervicalHistoryCode = keyof typeof CERVICAL_HISTORY_CODES;

// ---------------------------------------------------------------------------------------------
// FE "STI NAAT" (G §4.6)
// ---------------------------------------------------------------------------------------------

export type NaatSpecimen = 'vaginal' | 'endocervical' | 'urine';
export const NAAT_CODES = {
  chlamydia: {
    vaginal: loinc('53926-2', 'Chlamydia trachomatis rRNA [Presence] in Vaginal fluid by NAA with probe detection'),
    endocervical: loinc('50387-0', 'Chlamydia trachomatis rRNA [Presence] in Cervix by NAA with probe detection'),
    urine: loinc('42931-6', 'Chlamydia trachomatis rRNA [Presence] in Urine by NAA with probe detection'),
  },
  gonorrhea: {
    vaginal: loinc('53879-3', 'Neisseria gonorrhoeae rRNA [Presence] in Vaginal fluid by NAA with probe detection'),
    endocervical: loinc('50388-8', 'Neisseria gonorrhoeae rRNA [Presence] in Cervix by NAA with probe detection'),
    urine: loinc('60256-5', 'Neisseria gonorrhoeae rRNA [Presence] in Urine by NAA with probe detection'),
  },
  /** Combined CT+NG codes, written only with `{ combined: true }`. */
  'ct-ng': {
    vaginal: loinc('80362-7', 'Chlamydia trachomatis and Neisseria gonorrhoeae rRNA panel, vaginal (NAAT)'),
    endocervical: loinc('80361-9', 'Chlamydia trachomatis and Neisseria gonorrhoeae rRNA panel, cervix (NAAT)'),
    urine: loinc('80360-1', 'Chlamydia trachomatis and Neisseria gonorrhoeae rRNA panel, urine (NAAT)'),
  },
  /** FE: trichomonas uses the project code until a verified LOINC is chosen (specimen-independent). */
  trichomonas: pcb('trichomonas-naat', 'Trichomonas vaginalis NAAT'),
} as const;
export type NaatOrganism = 'chlamydia' | 'gonorrhea' | 'ct-ng' | 'trichomonas';

// ---------------------------------------------------------------------------------------------
// FE "New or multiple sexual partners"
// ---------------------------------------------------------------------------------------------

export const NEW_SEXUAL_PARTNER = pcb('new-sexual-partner', 'New or multiple sexual partners');

// ---------------------------------------------------------------------------------------------
// FE "Anticoagulant", "Tamoxifen", "Systemic HRT", "HIV / immunosuppression" (G §4.7)
// ---------------------------------------------------------------------------------------------

export const MEDICATIONS = {
  anticoagulant: {
    '11289': rx('11289', 'warfarin'),
    '1364430': rx('1364430', 'apixaban'),
    '1114195': rx('1114195', 'rivaroxaban'),
    '1546356': rx('1546356', 'dabigatran'),
    '1599538': rx('1599538', 'edoxaban'),
    '5224': rx('5224', 'heparin'),
    '67108': rx('67108', 'enoxaparin'),
    '1364445': rx('1364445', 'apixaban 5 MG Oral Tablet'),
    '1232086': rx('1232086', 'rivaroxaban 20 MG Oral Tablet'),
    '1037045': rx('1037045', 'dabigatran etexilate 150 MG Oral Capsule'),
    '1599551': rx('1599551', 'edoxaban 30 MG Oral Tablet'),
  },
  tamoxifen: {
    '10324': rx('10324', 'tamoxifen'),
  },
  hrt: {
    '4083': rx('4083', 'estradiol'),
    '4099': rx('4099', 'estrogens, conjugated (USP)'),
    '197657': rx('197657', 'estradiol oral tablet'),
    '197658': rx('197658', 'estradiol oral tablet'),
    '197659': rx('197659', 'estradiol oral tablet'),
    '310197': rx('310197', 'conjugated estrogens 0.625 MG Oral Tablet'),
    '1000355': rx('1000355', 'conjugated estrogens / medroxyprogesterone'),
    '1359126': rx('1359126', 'estradiol / norethindrone'),
  },
  immunosuppressant: {
    '42316': rx('42316', 'tacrolimus'),
    '3008': rx('3008', 'cyclosporine'),
    '68149': rx('68149', 'mycophenolate mofetil'),
    '1256': rx('1256', 'azathioprine'),
    // FE rev 2: products seen in real data (map to ingredients in the terminology)
    '1153039': rx('1153039', 'chlorambucil product'),
    '1160692': rx('1160692', 'infliximab product'),
    '1119399': rx('1119399', 'everolimus product'),
  },
  /** G §4.7: contraceptive-dose estrogen is NOT HRT (written only to test the exclusion). */
  contraceptive: {
    '978944': rx('978944', 'dienogest / estradiol valerate (contraceptive)'),
  },
} as const;
export type MedicationKind = keyof typeof MEDICATIONS;

/** Conditions that stand for the medication facts and the immunosuppression fact. */
export const RISK_CONDITIONS = {
  'Z79.01': icd('Z79.01', 'Long term (current) use of anticoagulants'),
  'Z79.810': icd('Z79.810', 'Long term (current) use of selective estrogen receptor modulators (SERMs)'),
  'Z79.890': icd('Z79.890', 'Hormone replacement therapy'),
  B20: icd('B20', 'Human immunodeficiency virus [HIV] disease'),
  Z21: icd('Z21', 'Asymptomatic human immunodeficiency virus [HIV] infection status'),
  '86406008': sct('86406008', 'Human immunodeficiency virus infection'),
  '370388006': sct('370388006', 'Patient immunocompromised'),
  'Z94.0': icd('Z94.0', 'Kidney transplant status'),
  'Z94.1': icd('Z94.1', 'Heart transplant status'),
  'Z94.4': icd('Z94.4', 'Liver transplant status'),
  // FE rev 2 "HIV / immunosuppression"
  '186706006': sct('186706006', 'Human immunodeficiency virus infection (FE rev 2)'),
  'D89.811': icd('D89.811', 'Chronic graft-versus-host disease'),
  '121121000119106': sct('121121000119106', 'Graft-versus-host disease (FE rev 2)'),
  '121131000119109': sct('121131000119109', 'Graft-versus-host disease (FE rev 2)'),
  '174425003': sct('174425003', 'Liver transplant'),
  '19944001': sct('19944001', 'Autologous bone marrow transplant'),
  '213150003': sct('213150003', 'Kidney transplant failure'),
  '50360': cpt('50360', 'Renal allotransplantation'),
} as const;

/** FE rev 2 "HIV / immunosuppression": immune-status Observation LOINC 96381-9 valued SNOMED 370388006. */
export const IMMUNE_STATUS = {
  observation: loinc('96381-9', 'Immune status'),
  values: {
    immunocompromised: sct('370388006', 'Patient immunocompromised'),
  },
} as const;
export type ImmuneStatus = keyof typeof IMMUNE_STATUS.values;

/** FE rev 2: the gender-identity Patient extension counts like Observation 76691-5. */
export const GENDER_IDENTITY_EXTENSION_URL = 'http://hl7.org/fhir/StructureDefinition/patient-genderIdentity';

// ---------------------------------------------------------------------------------------------
// FE "Exam findings" and "Symptoms" (G §4.8)
// ---------------------------------------------------------------------------------------------

export const FINDINGS = {
  // Exam findings
  'cervical-lesion': sct('289794001', 'Lesion of cervix'),
  'cervical-polyp': sct('65576009', 'Polyp of cervix'),
  ectropion: sct('62909004', 'Ectropion'),
  'vault-prolapse': sct('42116007', 'Prolapse of vaginal vault after hysterectomy'),
  'pelvic-mass': pcb('pelvic-mass', 'Palpable pelvic or vaginal mass'),
  // Symptoms
  fever: sct('386661006', 'Fever'),
  'vaginal-discharge': sct('271939006', 'Vaginal discharge'),
  'pelvic-pain': sct('30473006', 'Pain in pelvis'),
  'chronic-pelvic-pain': sct('237067000', 'Chronic pelvic pain of female'),
  'weight-loss': sct('422868009', 'Unexplained weight loss'),
  syncope: sct('271594007', 'Syncope'),
  // FE rev 2 "Exam findings", "Acute findings (R2-20)"
  cervicitis: sct('37610005', 'Inflammation of cervix'),
  /** ✖ unverified (FE caveats). */
  'vaginal-lesion': sct('289517005', 'Vaginal lesion'),
  /** Acute abdominal pain counts as pain for PCB-31/34/51/54 (R2-20). */
  'acute-abdominal-pain': sct('21522001', 'Abdominal pain'),
} as const;
export type FindingKey = keyof typeof FINDINGS;

/** FE "Symptoms": project codes (Observation valueBoolean). */
export const BLEEDING_QUALIFIERS = {
  heavy: pcb('heavy-bleeding', 'Heavy bleeding'),
  intermenstrual: pcb('intermenstrual-bleeding', 'Intermenstrual or other irregular bleeding'),
} as const;

// ---------------------------------------------------------------------------------------------
// FE "Vital signs", "RhD type", "Endometrial thickness"
// ---------------------------------------------------------------------------------------------

export const VITALS = {
  systolic: loinc('8480-6', 'Systolic blood pressure'),
  /** Diastolic: only as the second component of the panel (US Core blood pressure profile). */
  diastolic: loinc('8462-4', 'Diastolic blood pressure'),
  bloodPressurePanel: loinc('85354-9', 'Blood pressure panel with all children optional'),
  heartRate: loinc('8867-4', 'Heart rate'),
  bodyTemperature: loinc('8310-5', 'Body temperature'),
} as const;

export const RHD = {
  observation: loinc('10331-7', 'Rh [Type] in Blood'),
  /** FE rev 2 "RhD type": results also arrive as ABO and Rh group (value Rh negative / positive). */
  aboRh: loinc('882-1', 'ABO and Rh group [Type] in Blood'),
  values: {
    negative: sct('165746003', 'RhD negative'),
    positive: sct('165747007', 'RhD positive'),
  },
} as const;
export type RhDResult = keyof typeof RHD.values;

export const ENDOMETRIAL_THICKNESS = pcb('endometrial-thickness', 'Endometrial thickness (transvaginal ultrasound)');

/** FE: the project codes (`pcb-facts`), which double as QuestionnaireResponse linkIds. */
export const PCB_FACT_CODES = [
  PCB.observation,
  BLEEDING_QUALIFIERS.heavy,
  BLEEDING_QUALIFIERS.intermenstrual,
  NEW_SEXUAL_PARTNER,
  FINDINGS['pelvic-mass'],
  ENDOMETRIAL_THICKNESS,
  NAAT_CODES.trichomonas,
] as const;

// ---------------------------------------------------------------------------------------------
// Registry: every coding the builder can write (used by tests to catch mistyped codes)
// ---------------------------------------------------------------------------------------------

function collectCodings(value: unknown, out: CodeDef[]): void {
  if (value === null || typeof value !== 'object') {
    return;
  }
  const record = value as Record<string, unknown>;
  if (typeof record['system'] === 'string' && typeof record['code'] === 'string') {
    out.push(record as unknown as CodeDef);
    return;
  }
  for (const child of Object.values(record)) {
    collectCodings(child, out);
  }
}

/** All codings defined in this file, keyed `system|code`. */
export const KNOWN_CODINGS: ReadonlyMap<string, CodeDef> = (() => {
  const all: CodeDef[] = [];
  collectCodings(
    [
      CONDITION_CLINICAL_STATUS,
      CONDITION_VERIFICATION_CONFIRMED,
      CONDITION_CATEGORY,
      OBSERVATION_CATEGORY,
      ENCOUNTER_CLASSES,
      PCB,
      CONTRACEPTION_COUNSELLING_REASON,
      GENDER_IDENTITY,
      PREGNANCY_STATUS,
      GESTATIONAL_AGE,
      EDD,
      LMP,
      HCG,
      RESULT,
      PREGNANCY_ENDED,
      PLACENTA_PRAEVIA,
      PREGNANCY_CODES,
      MENOPAUSE,
      MENOPAUSE_STATE_OBSERVATIONS,
      HYSTERECTOMY_CODES.map((h) => h.coding),
      CYTOLOGY_TEST_CODES,
      HPV_TEST_CODES,
      CYTOLOGY_RESULTS,
      HPV_RESULTS,
      ABNORMAL_CERVICAL_DIAGNOSES,
      COLPOSCOPY,
      CERVICAL_TREATMENT,
      HISTOLOGY,
      CERVICAL_HISTORY_CODES,
      NAAT_CODES,
      NEW_SEXUAL_PARTNER,
      MEDICATIONS,
      RISK_CONDITIONS,
      IMMUNE_STATUS,
      FINDINGS,
      BLEEDING_QUALIFIERS,
      VITALS,
      RHD,
      ENDOMETRIAL_THICKNESS,
    ],
    all,
  );
  const map = new Map<string, CodeDef>();
  for (const coding of all) {
    const key = `${coding.system}|${coding.code}`;
    if (!map.has(key)) {
      map.set(key, coding);
    }
  }
  return map;
})();

/** Look a coding up by system alias and code (for displays); undefined if this file does not define it. */
export function knownCoding(system: string, code: string): CodeDef | undefined {
  return KNOWN_CODINGS.get(`${system}|${code}`);
}

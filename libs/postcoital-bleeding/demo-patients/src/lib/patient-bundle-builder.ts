import type {
  Bundle,
  BundleEntry,
  CodeableConcept,
  Coding,
  Condition,
  DiagnosticReport,
  Encounter,
  EpisodeOfCare,
  FhirResource,
  MedicationRequest,
  MedicationStatement,
  Observation,
  ObservationComponent,
  Patient,
  Procedure,
  QuestionnaireResponse,
  Reference,
} from 'fhir/r4';
import type {
  AbnormalCervicalDiagnosis,
  CervicalHistoryCode,
  CodeDef,
  ConditionCategory,
  ConditionClinicalStatus,
  CytologyResult,
  CytologyTestCode,
  EncounterClass,
  FindingKey,
  GenderIdentity,
  GestationalAgeCode,
  HcgSpecimen,
  HistologyResult,
  HpvResult,
  ImmuneStatus,
  HpvTestCode,
  MedicationKind,
  MenopauseStatus,
  NaatOrganism,
  NaatSpecimen,
  ObservationCategory,
  PlacentaPraeviaCode,
  PregnancyEndKind,
  PregnancyStatusQuestion,
  QualitativeResult,
  QuantitativeHcgCode,
  RhDResult,
  SystemAlias,
} from './encoding-codes';
import {
  ABNORMAL_CERVICAL_DIAGNOSES,
  BLEEDING_QUALIFIERS,
  CERVICAL_HISTORY_CODES,
  COLPOSCOPY,
  CONDITION_CATEGORY,
  CONDITION_CLINICAL_STATUS,
  CONDITION_VERIFICATION_CONFIRMED,
  CONTRACEPTION_COUNSELLING_REASON,
  CYTOLOGY_RESULTS,
  CYTOLOGY_TEST_CODES,
  EDD,
  ENCOUNTER_CLASSES,
  ENDOMETRIAL_THICKNESS,
  FINDINGS,
  GENDER_IDENTITY,
  GESTATIONAL_AGE,
  HCG,
  HISTOLOGY,
  HPV_RESULTS,
  HPV_TEST_CODES,
  HYSTERECTOMY_CODES,
  IMMUNE_STATUS,
  LMP,
  MEDICATIONS,
  MENOPAUSE,
  NAAT_CODES,
  NEW_SEXUAL_PARTNER,
  OBSERVATION_CATEGORY,
  PCB,
  PCB_FACT_CODES,
  PCB_HISTORY_QUESTIONNAIRE_URL,
  PLACENTA_PRAEVIA,
  PREGNANCY_CODES,
  PREGNANCY_ENDED,
  PREGNANCY_STATUS,
  RESULT,
  RHD,
  SYSTEMS,
  UCUM,
  US_CORE_BIRTH_SEX_URL,
  VITALS,
  knownCoding,
} from './encoding-codes';
import type { Ago } from './relative-dates';
import { dateAgo, dateAhead, fhirDate, fhirDateTime, startOfUtcDay } from './relative-dates';

/** FHIR id: `[A-Za-z0-9\-\.]{1,64}` (R4 `id` datatype). */
export const FHIR_ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;

/** Patient ids leave room for the resource suffix (`-medstmt-999`). */
const MAX_PATIENT_ID_LENGTH = 48;

/** How a project-code fact is recorded: an Observation (valueBoolean) or a QuestionnaireResponse answer. */
export type FactChannel = 'observation' | 'questionnaire';

export interface ConditionOptions extends Ago {
  readonly clinicalStatus?: ConditionClinicalStatus;
  readonly category?: ConditionCategory;
}

export interface PcbConditionOptions extends ConditionOptions {
  /** When the Condition was recorded; default: the onset date (so an old episode never looks recent). */
  readonly recorded?: Ago;
  /** Leave out `onsetDateTime` so that readers must fall back to `recordedDate`. */
  readonly omitOnset?: boolean;
}

type ResourceKind =
  | 'Observation'
  | 'Condition'
  | 'Procedure'
  | 'Encounter'
  | 'MedicationRequest'
  | 'MedicationStatement'
  | 'QuestionnaireResponse'
  | 'DiagnosticReport'
  | 'EpisodeOfCare';

const ID_PREFIX: Record<ResourceKind, string> = {
  Observation: 'obs',
  Condition: 'cond',
  Procedure: 'proc',
  Encounter: 'enc',
  MedicationRequest: 'medreq',
  MedicationStatement: 'medstmt',
  QuestionnaireResponse: 'qr',
  DiagnosticReport: 'dr',
  EpisodeOfCare: 'eoc',
};

function coding(def: CodeDef): Coding {
  return def.display === undefined ? { system: def.system, code: def.code } : { system: def.system, code: def.code, display: def.display };
}

function concept(def: CodeDef): CodeableConcept {
  return def.display === undefined ? { coding: [coding(def)] } : { coding: [coding(def)], text: def.display };
}

/** Resolve a table key (`'HSIL'`) or the code itself (`'416033009'`) to the table's coding. */
function lookup<K extends string>(table: Readonly<Record<K, CodeDef>>, keyOrCode: string, what: string): CodeDef {
  const byKey = (table as Readonly<Record<string, CodeDef>>)[keyOrCode];
  if (byKey !== undefined) {
    return byKey;
  }
  const byCode = Object.values<CodeDef>(table).find((c) => c.code === keyOrCode);
  if (byCode === undefined) {
    throw new Error(`Unknown ${what} '${keyOrCode}': add it to encoding-codes.ts (with its fact-encoding.md row) first`);
  }
  return byCode;
}

/**
 * Fluent builder for one synthetic patient as a FHIR R4 transaction Bundle.
 *
 * - Dates are relative to `today` (see relative-dates.ts); every fact is in the past.
 * - Every entry is `PUT <type>/<id>` with ids `<patientId>-<kind>-<n>`, so loading a bundle twice
 *   creates nothing new, and every resource points at `Patient/<patientId>`.
 * - Every code comes from encoding-codes.ts (fact-encoding.md is the contract).
 */
export class PatientBundleBuilder {
  readonly anchor: Date;
  private readonly patient: Patient;
  private readonly resources: FhirResource[] = [];
  private readonly counters = new Map<ResourceKind, number>();

  constructor(
    readonly patientId: string,
    today: Date = new Date(),
  ) {
    if (!FHIR_ID_PATTERN.test(patientId) || /^[0-9]+$/.test(patientId) || patientId.length > MAX_PATIENT_ID_LENGTH) {
      throw new Error(`Patient id '${patientId}' must be a FHIR id, not purely numeric, at most ${MAX_PATIENT_ID_LENGTH} characters`);
    }
    this.anchor = startOfUtcDay(today);
    this.patient = { resourceType: 'Patient', id: patientId, active: true };
  }

  static forPatient(patientId: string, today: Date = new Date()): PatientBundleBuilder {
    return new PatientBundleBuilder(patientId, today);
  }

  // -------------------------------------------------------------------------------------------
  // Demographics (FE "Sex / gender", "Age")
  // -------------------------------------------------------------------------------------------

  name(given: string, family: string): this {
    this.patient.name = [{ use: 'official', family, given: [given], text: `${given} ${family}` }];
    return this;
  }

  /** `Patient.gender` (administrative gender). */
  gender(gender: NonNullable<Patient['gender']>): this {
    this.patient.gender = gender;
    return this;
  }

  /** US Core birth sex extension (valueCode F / M / UNK). */
  birthSex(code: 'F' | 'M' | 'UNK'): this {
    const others = (this.patient.extension ?? []).filter((e) => e.url !== US_CORE_BIRTH_SEX_URL);
    this.patient.extension = [...others, { url: US_CORE_BIRTH_SEX_URL, valueCode: code }];
    return this;
  }

  /**
   * `Patient.birthDate` so that the age in whole years is `yearsAgo`. The birthday is put `extraDays`
   * (default 90) further back, so the whole-year age does not change when a reader's clock or time zone
   * differs by a day, nor for about nine months after the bundle was built.
   */
  born(opts: { readonly yearsAgo: number; readonly extraDays?: number }): this {
    this.patient.birthDate = fhirDate(
      dateAgo(this.anchor, {
        yearsAgo: opts.yearsAgo,
        daysAgo: opts.extraDays ?? 90,
      }),
    );
    return this;
  }

  /** An exact `Patient.birthDate` (YYYY-MM-DD), for age-boundary tests. */
  birthDate(date: string): this {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      throw new Error(`birthDate '${date}' must be YYYY-MM-DD`);
    }
    this.patient.birthDate = date;
    return this;
  }

  /** Gender identity Observation LOINC 76691-5 (value: US Core SNOMED gender-identity codes). */
  genderIdentity(identity: GenderIdentity, when: Ago = {}): this {
    return this.observation({
      code: GENDER_IDENTITY.observation,
      category: 'social-history',
      when,
      value: {
        valueCodeableConcept: concept(GENDER_IDENTITY.values[identity]),
      },
    });
  }

  // -------------------------------------------------------------------------------------------
  // FE "PCB episode"
  // -------------------------------------------------------------------------------------------

  /** Condition ICD-10-CM N93.0; the `Ago` fields give the onset (episode start). */
  pcbCondition(opts: PcbConditionOptions = {}): this {
    return this.addCondition(PCB.icd10, {
      ...opts,
      category: opts.category ?? 'encounter-diagnosis',
    });
  }

  /** Observation `pcb-facts#postcoital-bleeding` with valueBoolean (default true). */
  pcbObservation(opts: Ago & { readonly value?: boolean } = {}): this {
    return this.observation({
      code: PCB.observation,
      category: 'exam',
      when: opts,
      value: { valueBoolean: opts.value ?? true },
    });
  }

  /** Encounter with reasonCode N93.0, dated by `period.start` (default class ambulatory). */
  pcbEncounter(opts: Ago & { readonly encounterClass?: EncounterClass } = {}): this {
    return this.encounter({ ...opts, reason: 'pcb' });
  }

  /**
   * A finished Encounter (default class ambulatory); `reason` 'pcb' (N93.0) or 'contraception' (a
   * control visit). `encounterClass` emergency / inpatient puts the patient in hospital (R2-29 setting).
   */
  encounter(
    opts: Ago & {
      readonly reason: 'pcb' | 'contraception';
      readonly encounterClass?: EncounterClass;
    },
  ): this {
    const start = this.at(opts);
    const reason = opts.reason === 'pcb' ? PCB.icd10 : CONTRACEPTION_COUNSELLING_REASON;
    const encounter: Encounter = {
      resourceType: 'Encounter',
      id: this.nextId('Encounter'),
      status: 'finished',
      class: coding(ENCOUNTER_CLASSES[opts.encounterClass ?? 'ambulatory']),
      subject: this.subject(),
      period: { start, end: start },
      reasonCode: [concept(reason)],
    };
    this.resources.push(encounter);
    return this;
  }

  // -------------------------------------------------------------------------------------------
  // FE "Pregnancy status", "Gestational age", "hCG result", "Pregnancy ended"
  // -------------------------------------------------------------------------------------------

  /** Observation 82810-3 (or 11449-6) with the LOINC answer (or the SNOMED value). */
  pregnancyStatus(
    status: 'pregnant' | 'not-pregnant' | 'unknown',
    opts: Ago & {
      readonly system?: 'loinc' | 'snomed';
      readonly question?: PregnancyStatusQuestion;
    } = {},
  ): this {
    let answer: CodeDef;
    if (opts.system === 'snomed') {
      if (status === 'unknown') {
        throw new Error('fact-encoding.md accepts SNOMED only for pregnant / not pregnant; use LOINC LA4489-6 for unknown');
      }
      answer = PREGNANCY_STATUS.answers.snomed[status];
    } else {
      answer = PREGNANCY_STATUS.answers.loinc[status];
    }
    return this.observation({
      code: PREGNANCY_STATUS.questions[opts.question ?? '82810-3'],
      category: 'social-history',
      when: opts,
      value: { valueCodeableConcept: concept(answer) },
    });
  }

  /** Condition ICD-10-CM Z33.1 (active = pregnant). */
  pregnantCondition(opts: ConditionOptions = {}): this {
    return this.addCondition(PREGNANCY_STATUS.condition, {
      ...opts,
      category: opts.category ?? 'problem-list-item',
    });
  }

  /** Observation 49051-6 (or 11884-4 / 18185-9 / 11885-1), valueQuantity in weeks (UCUM wk), dated. */
  gestationalAge(opts: Ago & { readonly weeks: number; readonly code?: GestationalAgeCode }): this {
    if (!(opts.weeks >= 0 && opts.weeks <= 45)) {
      throw new RangeError(`gestational age ${opts.weeks} weeks is out of range`);
    }
    return this.observation({
      code: GESTATIONAL_AGE[opts.code ?? '49051-6'],
      category: 'exam',
      when: opts,
      value: {
        valueQuantity: {
          value: opts.weeks,
          unit: UCUM.weeks.unit,
          system: SYSTEMS.ucum,
          code: UCUM.weeks.code,
        },
      },
    });
  }

  /**
   * EDD Observation 11778-8, valueDateTime `inDays` after today (the only future date a bundle holds);
   * `effectiveDateTime` from the `Ago` fields (when it was recorded).
   */
  edd(opts: Ago & { readonly inDays: number }): this {
    return this.observation({
      code: EDD,
      category: 'exam',
      when: opts,
      value: {
        valueDateTime: fhirDateTime(dateAhead(this.anchor, opts.inDays)),
      },
    });
  }

  /** LMP Observation 8665-2: valueDateTime = the `Ago` date; recorded (`effectiveDateTime`) `recorded` ago, default today. */
  lmp(opts: Ago & { readonly recorded?: Ago }): this {
    return this.observation({
      code: LMP,
      category: 'exam',
      when: opts.recorded ?? {},
      value: { valueDateTime: this.at(opts) },
    });
  }

  /** Qualitative hCG: LOINC 2106-3 (urine, default) or 2118-8 (serum), SNOMED positive / negative. */
  hcg(result: QualitativeResult, opts: Ago & { readonly specimen?: HcgSpecimen } = {}): this {
    return this.observation({
      code: HCG.qualitative[opts.specimen ?? 'urine'],
      category: 'laboratory',
      when: opts,
      value: { valueCodeableConcept: concept(RESULT[result]) },
    });
  }

  /** Quantitative hCG: LOINC 21198-7 (default) or 83086-9, valueQuantity in mIU/mL (>= 25 counts as positive). */
  quantitativeHcg(miuPerMl: number, opts: Ago & { readonly code?: QuantitativeHcgCode } = {}): this {
    if (!(miuPerMl >= 0)) {
      throw new RangeError(`hCG ${miuPerMl} mIU/mL is not a valid concentration`);
    }
    return this.observation({
      code: HCG.quantitative[opts.code ?? '21198-7'],
      category: 'laboratory',
      when: opts,
      value: {
        valueQuantity: {
          value: miuPerMl,
          unit: UCUM.milliIuPerMl.unit,
          system: SYSTEMS.ucum,
          code: UCUM.milliIuPerMl.code,
        },
      },
    });
  }

  /**
   * A pregnancy-end event: delivery Procedure 236973005, outcome-of-delivery Condition Z37.0, abortive
   * outcome Conditions (O03.9, O02.1, O00.90), or a later pregnancy-status Observation "not pregnant".
   */
  pregnancyEnded(kind: PregnancyEndKind, opts: Ago = {}): this {
    if (kind === 'not-pregnant') {
      return this.pregnancyStatus('not-pregnant', opts);
    }
    const event = PREGNANCY_ENDED[kind];
    if (event.resource === 'Procedure') {
      return this.addProcedure(event.coding, opts);
    }
    return this.addCondition(event.coding, {
      ...opts,
      category: 'problem-list-item',
    });
  }

  /**
   * An antenatal-care EpisodeOfCare (FE rev 2 "Pregnancy (R2-25)"): type SNOMED 424525001, status
   * active, `period.start` the booking date (the `Ago` fields), no end.
   */
  antenatalEpisode(opts: Ago = {}): this {
    const episode: EpisodeOfCare = {
      resourceType: 'EpisodeOfCare',
      id: this.nextId('EpisodeOfCare'),
      status: 'active',
      type: [concept(PREGNANCY_CODES.antenatalCareEpisode)],
      patient: this.subject(),
      period: { start: this.at(opts) },
    };
    this.resources.push(episode);
    return this;
  }

  /**
   * Placenta praevia (FE rev 2, R2-17): an active Condition, ICD-10-CM O44.x / O69.4 or SNOMED
   * 36813001 (and descendants), dated by the scan that found it.
   */
  placentaPraevia(code: PlacentaPraeviaCode, opts: ConditionOptions = {}): this {
    return this.addCondition(PLACENTA_PRAEVIA[code], {
      ...opts,
      category: opts.category ?? 'problem-list-item',
    });
  }

  // -------------------------------------------------------------------------------------------
  // FE "Menopausal status", "Hysterectomy / cervix"
  // -------------------------------------------------------------------------------------------

  /**
   * Menopausal status. Default: Observation SNOMED 161712005 with the first value of the status
   * (post 76498008, pre 22636003, peri 161541000119104). `code` picks another SNOMED value, or one of
   * the ICD-10-CM Conditions N95.1 / E28.310 / E28.319 (status 'post' only).
   */
  menopause(status: MenopauseStatus, opts: Ago & { readonly code?: string } = {}): this {
    const values: readonly CodeDef[] = MENOPAUSE.values[status];
    const valueDef = opts.code === undefined ? values[0] : values.find((v) => v.code === opts.code);
    if (valueDef !== undefined) {
      return this.observation({
        code: MENOPAUSE.observation,
        category: 'social-history',
        when: opts,
        value: { valueCodeableConcept: concept(valueDef) },
      });
    }
    const conditionDef = MENOPAUSE.conditions.find((c) => c.code === opts.code);
    if (conditionDef !== undefined && status === 'post') {
      return this.addCondition(conditionDef, {
        ...opts,
        category: 'problem-list-item',
      });
    }
    throw new Error(`Menopause code '${opts.code}' is not a '${status}' code of pcb-guideline.md §4.3`);
  }

  /**
   * A hysterectomy / cervix-absence code of pcb-guideline.md §4.4: procedures become a completed
   * Procedure (`performedDateTime`), "history of"/"absence of" codes a Condition (onset).
   * `undated: true` writes no date at all (FE rev 2 "Undated history": it still counts).
   */
  hysterectomy(code: string, opts: Ago & { readonly undated?: boolean } = {}): this {
    const def = HYSTERECTOMY_CODES.find((h) => h.coding.code === code);
    if (def === undefined) {
      throw new Error(`Unknown hysterectomy code '${code}': not in pcb-guideline.md §4.4 as listed in encoding-codes.ts`);
    }
    if (def.resource === 'Procedure') {
      return this.addProcedure(def.coding, opts, opts.undated === true);
    }
    return this.addCondition(def.coding, {
      ...opts,
      category: 'problem-list-item',
      undated: opts.undated,
    });
  }

  // -------------------------------------------------------------------------------------------
  // FE "Cervical screening", "Colposcopy", "CIN2+ / cervical cancer history"
  // -------------------------------------------------------------------------------------------

  /**
   * Cervical cytology result (key like 'NILM' / 'HSIL', or the SNOMED code): Observation (default
   * LOINC 10524-7) with valueCodeableConcept, or with `report: true` a DiagnosticReport with conclusionCode.
   */
  cytology(
    result: CytologyResult | string,
    opts: Ago & {
      readonly code?: CytologyTestCode;
      readonly report?: boolean;
    } = {},
  ): this {
    const value = lookup(CYTOLOGY_RESULTS, result, 'cytology result');
    return this.screeningResult(CYTOLOGY_TEST_CODES[opts.code ?? '10524-7'], value, opts, opts.report ?? false);
  }

  /** HPV result ('negative' | 'positive' | 'hpv16-positive' | 'hpv18-positive', or the SNOMED code); default LOINC 30167-1. */
  hpv(result: HpvResult | string, opts: Ago & { readonly code?: HpvTestCode; readonly report?: boolean } = {}): this {
    const value = lookup(HPV_RESULTS, result, 'HPV result');
    return this.screeningResult(HPV_TEST_CODES[opts.code ?? '30167-1'], value, opts, opts.report ?? false);
  }

  /** Cytology and HPV on the same day (a cotest). */
  cotest(cytologyResult: CytologyResult | string, hpvResult: HpvResult | string, opts: Ago = {}): this {
    return this.cytology(cytologyResult, opts).hpv(hpvResult, opts);
  }

  /**
   * A cotest laboratory report (FE rev 2 "Linked results"): a cytology DiagnosticReport (default
   * LOINC 47528-5) with the cytology result in `conclusionCode`, whose `result` references an HPV
   * Observation that carries NO date of its own — it takes the report's date.
   */
  cotestReport(
    cytologyResult: CytologyResult | string,
    hpvResult: HpvResult | string,
    opts: Ago & {
      readonly code?: CytologyTestCode;
      readonly hpvCode?: HpvTestCode;
    } = {},
  ): this {
    const hpvId = this.observation({
      code: HPV_TEST_CODES[opts.hpvCode ?? '30167-1'],
      category: 'laboratory',
      when: opts,
      undated: true,
      value: {
        valueCodeableConcept: concept(lookup(HPV_RESULTS, hpvResult, 'HPV result')),
      },
    }).lastId();
    const report: DiagnosticReport = {
      resourceType: 'DiagnosticReport',
      id: this.nextId('DiagnosticReport'),
      status: 'final',
      code: concept(CYTOLOGY_TEST_CODES[opts.code ?? '47528-5']),
      subject: this.subject(),
      effectiveDateTime: this.at(opts),
      result: [{ reference: `Observation/${hpvId}` }],
      conclusionCode: [concept(lookup(CYTOLOGY_RESULTS, cytologyResult, 'cytology result'))],
    };
    this.resources.push(report);
    return this;
  }

  /**
   * Cervical histology (FE rev 2): LOINC 65753-6 with the result in `conclusionCode` of a
   * DiagnosticReport (default) or the value of an Observation.
   */
  histology(result: HistologyResult, opts: Ago & { readonly resource?: 'DiagnosticReport' | 'Observation' } = {}): this {
    return this.screeningResult(HISTOLOGY.report, HISTOLOGY.results[result], opts, opts.resource !== 'Observation');
  }

  /** ICD-10-CM R87.6xx / R87.810 Condition, which counts as an abnormal result dated by onset. */
  abnormalCervicalDiagnosis(icd10: AbnormalCervicalDiagnosis, opts: ConditionOptions = {}): this {
    const def = lookup(ABNORMAL_CERVICAL_DIAGNOSES, icd10, 'abnormal cervical diagnosis');
    return this.addCondition(def, {
      ...opts,
      category: opts.category ?? 'encounter-diagnosis',
    });
  }

  /** Procedure SNOMED 392003006 colposcopy; `ecc: true` adds the endocervical curettage (52889002) the same day. */
  colposcopy(opts: Ago & { readonly ecc?: boolean } = {}): this {
    this.addProcedure(COLPOSCOPY.colposcopy, opts);
    if (opts.ecc === true) {
      this.addProcedure(COLPOSCOPY.ecc, opts);
    }
    return this;
  }

  /** CIN2+/AIS/cervical-cancer history Condition (SNOMED or ICD-10-CM code of pcb-guideline.md §4.5). */
  cervicalHistory(code: CervicalHistoryCode, opts: ConditionOptions = {}): this {
    const def = lookup(CERVICAL_HISTORY_CODES, code, 'cervical history code');
    return this.addCondition(def, {
      ...opts,
      category: opts.category ?? 'problem-list-item',
    });
  }

  // -------------------------------------------------------------------------------------------
  // FE "STI NAAT", "New or multiple sexual partners"
  // -------------------------------------------------------------------------------------------

  /**
   * STI NAAT with SNOMED positive / negative. 'ct-ng' writes two Observations (chlamydia and
   * gonorrhoea, as labs report them) unless `combined: true` (one combined CT+NG LOINC).
   * Default specimen: vaginal swab. Trichomonas uses `pcb-facts#trichomonas-naat`.
   */
  naat(
    organism: NaatOrganism,
    result: QualitativeResult,
    opts: Ago & {
      readonly specimen?: NaatSpecimen;
      readonly combined?: boolean;
    } = {},
  ): this {
    const specimen = opts.specimen ?? 'vaginal';
    const codes: CodeDef[] = [];
    if (organism === 'trichomonas') {
      codes.push(NAAT_CODES.trichomonas);
    } else if (organism === 'ct-ng') {
      if (opts.combined === true) {
        codes.push(NAAT_CODES['ct-ng'][specimen]);
      } else {
        codes.push(NAAT_CODES.chlamydia[specimen], NAAT_CODES.gonorrhea[specimen]);
      }
    } else {
      codes.push(NAAT_CODES[organism][specimen]);
    }
    for (const code of codes) {
      this.observation({
        code,
        category: 'laboratory',
        when: opts,
        value: { valueCodeableConcept: concept(RESULT[result]) },
      });
    }
    return this;
  }

  /** `pcb-facts#new-sexual-partner` (default true) as an Observation or a QuestionnaireResponse answer. */
  newSexualPartner(opts: Ago & { readonly value?: boolean; readonly via?: FactChannel } = {}): this {
    return this.booleanFact(NEW_SEXUAL_PARTNER, opts.value ?? true, opts, opts.via ?? 'observation', 'social-history');
  }

  // -------------------------------------------------------------------------------------------
  // FE "Anticoagulant", "Tamoxifen", "Systemic HRT", "HIV / immunosuppression"; generic Condition
  // -------------------------------------------------------------------------------------------

  /**
   * An active medication (RxNorm code of pcb-guideline.md §4.7 for that kind), as a MedicationRequest
   * (status active, intent order, `authoredOn`) or a MedicationStatement (status active, `effectiveDateTime`).
   */
  medication(
    kind: MedicationKind,
    rxnormCode: string,
    opts: Ago & {
      readonly resource?: 'MedicationRequest' | 'MedicationStatement';
    } = {},
  ): this {
    const def = (MEDICATIONS[kind] as Readonly<Record<string, CodeDef>>)[rxnormCode];
    if (def === undefined) {
      throw new Error(`RxNorm ${rxnormCode} is not a '${kind}' code in encoding-codes.ts`);
    }
    const at = this.at(opts);
    if (opts.resource === 'MedicationStatement') {
      const statement: MedicationStatement = {
        resourceType: 'MedicationStatement',
        id: this.nextId('MedicationStatement'),
        status: 'active',
        medicationCodeableConcept: concept(def),
        subject: this.subject(),
        effectiveDateTime: at,
        dateAsserted: at,
      };
      this.resources.push(statement);
      return this;
    }
    const request: MedicationRequest = {
      resourceType: 'MedicationRequest',
      id: this.nextId('MedicationRequest'),
      status: 'active',
      intent: 'order',
      medicationCodeableConcept: concept(def),
      subject: this.subject(),
      authoredOn: at,
    };
    this.resources.push(request);
    return this;
  }

  /** Any Condition by system alias and code (display taken from encoding-codes.ts when known). */
  condition(system: SystemAlias, code: string, opts: ConditionOptions = {}): this {
    const uri = SYSTEMS[system];
    const def = knownCoding(uri, code) ?? { system: uri, code };
    return this.addCondition(def, {
      ...opts,
      category: opts.category ?? 'problem-list-item',
    });
  }

  /** FE rev 2: immune-status Observation LOINC 96381-9 with the SNOMED value (370388006 immunocompromised). */
  immuneStatus(status: ImmuneStatus, opts: Ago = {}): this {
    return this.observation({
      code: IMMUNE_STATUS.observation,
      category: 'laboratory',
      when: opts,
      value: {
        valueCodeableConcept: concept(IMMUNE_STATUS.values[status]),
      },
    });
  }

  // -------------------------------------------------------------------------------------------
  // FE "Exam findings", "Symptoms", "Vital signs", "RhD type", "Endometrial thickness"
  // -------------------------------------------------------------------------------------------

  /**
   * An exam finding or symptom (key like 'cervical-polyp', or its code): an Observation with the finding
   * as `code` and valueBoolean true (default), or a Condition (`as: 'condition'`).
   */
  finding(keyOrCode: FindingKey | string, opts: Ago & { readonly as?: 'observation' | 'condition' } = {}): this {
    const def = lookup(FINDINGS, keyOrCode, 'finding');
    if (opts.as === 'condition') {
      return this.addCondition(def, {
        ...opts,
        category: 'encounter-diagnosis',
      });
    }
    return this.observation({
      code: def,
      category: 'exam',
      when: opts,
      value: { valueBoolean: true },
    });
  }

  /** `pcb-facts#heavy-bleeding` valueBoolean true, as an Observation or a QuestionnaireResponse answer. */
  heavyBleeding(opts: Ago & { readonly via?: FactChannel } = {}): this {
    return this.booleanFact(BLEEDING_QUALIFIERS.heavy, true, opts, opts.via ?? 'observation', 'exam');
  }

  /** `pcb-facts#intermenstrual-bleeding` valueBoolean true, as an Observation or a QuestionnaireResponse answer. */
  intermenstrualBleeding(opts: Ago & { readonly via?: FactChannel } = {}): this {
    return this.booleanFact(BLEEDING_QUALIFIERS.intermenstrual, true, opts, opts.via ?? 'observation', 'exam');
  }

  /**
   * Vital signs. Systolic BP as a standalone 8480-6 Observation (default) or as a component of the
   * 85354-9 panel (with diastolic 8462-4 when given); heart rate 8867-4 (/min); temperature 8310-5 (Cel).
   */
  vitals(
    opts: Ago & {
      readonly systolic?: number;
      readonly diastolic?: number;
      readonly heartRate?: number;
      readonly temperatureC?: number;
      readonly bloodPressure?: 'standalone' | 'panel';
    },
  ): this {
    const mmHg = (value: number): ObservationComponent['valueQuantity'] => ({
      value,
      unit: UCUM.mmHg.unit,
      system: SYSTEMS.ucum,
      code: UCUM.mmHg.code,
    });
    if (opts.bloodPressure === 'panel') {
      if (opts.systolic === undefined) {
        throw new Error('a blood pressure panel needs a systolic value');
      }
      const component: ObservationComponent[] = [{ code: concept(VITALS.systolic), valueQuantity: mmHg(opts.systolic) }];
      if (opts.diastolic !== undefined) {
        component.push({
          code: concept(VITALS.diastolic),
          valueQuantity: mmHg(opts.diastolic),
        });
      }
      this.observation({
        code: VITALS.bloodPressurePanel,
        category: 'vital-signs',
        when: opts,
        component,
      });
    } else {
      if (opts.systolic !== undefined) {
        this.observation({
          code: VITALS.systolic,
          category: 'vital-signs',
          when: opts,
          value: { valueQuantity: mmHg(opts.systolic) },
        });
      }
      if (opts.diastolic !== undefined) {
        this.observation({
          code: VITALS.diastolic,
          category: 'vital-signs',
          when: opts,
          value: { valueQuantity: mmHg(opts.diastolic) },
        });
      }
    }
    if (opts.heartRate !== undefined) {
      this.observation({
        code: VITALS.heartRate,
        category: 'vital-signs',
        when: opts,
        value: {
          valueQuantity: {
            value: opts.heartRate,
            unit: UCUM.perMinute.unit,
            system: SYSTEMS.ucum,
            code: UCUM.perMinute.code,
          },
        },
      });
    }
    if (opts.temperatureC !== undefined) {
      this.observation({
        code: VITALS.bodyTemperature,
        category: 'vital-signs',
        when: opts,
        value: {
          valueQuantity: {
            value: opts.temperatureC,
            unit: UCUM.celsius.unit,
            system: SYSTEMS.ucum,
            code: UCUM.celsius.code,
          },
        },
      });
    }
    return this;
  }

  /** RhD type: Observation LOINC 10331-7, SNOMED 165746003 negative / 165747007 positive (as SNOMED CT defines them; docs/clinical/fact-encoding.md, RhD row). */
  rhD(result: RhDResult, opts: Ago = {}): this {
    return this.observation({
      code: RHD.observation,
      category: 'laboratory',
      when: opts,
      value: { valueCodeableConcept: concept(RHD.values[result]) },
    });
  }

  /** TVUS endometrial thickness: Observation `pcb-facts#endometrial-thickness`, valueQuantity in mm. */
  endometrialThickness(mm: number, opts: Ago = {}): this {
    if (!(mm >= 0)) {
      throw new RangeError(`endometrial thickness ${mm} mm is not valid`);
    }
    return this.observation({
      code: ENDOMETRIAL_THICKNESS,
      category: 'imaging',
      when: opts,
      value: {
        valueQuantity: {
          value: mm,
          unit: UCUM.millimetres.unit,
          system: SYSTEMS.ucum,
          code: UCUM.millimetres.code,
        },
      },
    });
  }

  // -------------------------------------------------------------------------------------------
  // FE last paragraph: QuestionnaireResponse answers
  // -------------------------------------------------------------------------------------------

  /** A completed QuestionnaireResponse with one boolean answer, dated by `authored`. */
  questionnaireAnswer(linkId: string, valueBoolean: boolean, opts: Ago = {}): this {
    if (linkId.trim() === '') {
      throw new Error('linkId must not be empty');
    }
    const text = PCB_FACT_CODES.find((c) => c.code === linkId)?.display;
    const response: QuestionnaireResponse = {
      resourceType: 'QuestionnaireResponse',
      id: this.nextId('QuestionnaireResponse'),
      questionnaire: PCB_HISTORY_QUESTIONNAIRE_URL,
      status: 'completed',
      subject: this.subject(),
      authored: this.at(opts),
      item: [
        {
          linkId,
          ...(text === undefined ? {} : { text }),
          answer: [{ valueBoolean }],
        },
      ],
    };
    this.resources.push(response);
    return this;
  }

  // -------------------------------------------------------------------------------------------
  // Output
  // -------------------------------------------------------------------------------------------

  /** The transaction Bundle: the Patient first, then the facts in the order they were added. */
  build(): Bundle<FhirResource> {
    const patient: Patient = JSON.parse(JSON.stringify(this.patient)) as Patient;
    const all: FhirResource[] = [patient, ...this.resources.map((r) => JSON.parse(JSON.stringify(r)) as FhirResource)];
    const entry: BundleEntry<FhirResource>[] = all.map((resource) => {
      const url = `${resource.resourceType}/${resource.id}`;
      return { fullUrl: url, resource, request: { method: 'PUT', url } };
    });
    return { resourceType: 'Bundle', type: 'transaction', entry };
  }

  // -------------------------------------------------------------------------------------------
  // Internals
  // -------------------------------------------------------------------------------------------

  private at(ago: Ago): string {
    return fhirDateTime(dateAgo(this.anchor, ago));
  }

  private subject(): Reference {
    return { reference: `Patient/${this.patientId}` };
  }

  private nextId(kind: ResourceKind): string {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return `${this.patientId}-${ID_PREFIX[kind]}-${n}`;
  }

  /** The id of the resource added last. */
  private lastId(): string {
    const last = this.resources[this.resources.length - 1];
    if (last?.id === undefined) {
      throw new Error('no resource added yet');
    }
    return last.id;
  }

  private observation(spec: {
    readonly code: CodeDef;
    readonly category: ObservationCategory;
    readonly when: Ago;
    /** No `effectiveDateTime` (a result that takes its report's date). */
    readonly undated?: boolean;
    readonly value?: Pick<Observation, 'valueCodeableConcept' | 'valueQuantity' | 'valueBoolean' | 'valueDateTime'>;
    readonly component?: ObservationComponent[];
  }): this {
    const observation: Observation = {
      resourceType: 'Observation',
      id: this.nextId('Observation'),
      status: 'final',
      category: [concept(OBSERVATION_CATEGORY[spec.category])],
      code: concept(spec.code),
      subject: this.subject(),
      ...(spec.undated === true ? {} : { effectiveDateTime: this.at(spec.when) }),
      ...(spec.value ?? {}),
      ...(spec.component === undefined ? {} : { component: spec.component }),
    };
    this.resources.push(observation);
    return this;
  }

  private addCondition(def: CodeDef, opts: PcbConditionOptions & { readonly undated?: boolean }): this {
    const onset = this.at(opts);
    const dates =
      opts.undated === true
        ? {}
        : {
            ...(opts.omitOnset === true ? {} : { onsetDateTime: onset }),
            recordedDate: opts.recorded === undefined ? onset : this.at(opts.recorded),
          };
    const condition: Condition = {
      resourceType: 'Condition',
      id: this.nextId('Condition'),
      clinicalStatus: concept(CONDITION_CLINICAL_STATUS[opts.clinicalStatus ?? 'active']),
      verificationStatus: concept(CONDITION_VERIFICATION_CONFIRMED),
      category: [concept(CONDITION_CATEGORY[opts.category ?? 'problem-list-item'])],
      code: concept(def),
      subject: this.subject(),
      ...dates,
    };
    this.resources.push(condition);
    return this;
  }

  private addProcedure(def: CodeDef, when: Ago, undated = false): this {
    const procedure: Procedure = {
      resourceType: 'Procedure',
      id: this.nextId('Procedure'),
      status: 'completed',
      code: concept(def),
      subject: this.subject(),
      ...(undated ? {} : { performedDateTime: this.at(when) }),
    };
    this.resources.push(procedure);
    return this;
  }

  private screeningResult(code: CodeDef, value: CodeDef, when: Ago, report: boolean): this {
    if (!report) {
      return this.observation({
        code,
        category: 'laboratory',
        when,
        value: { valueCodeableConcept: concept(value) },
      });
    }
    const diagnosticReport: DiagnosticReport = {
      resourceType: 'DiagnosticReport',
      id: this.nextId('DiagnosticReport'),
      status: 'final',
      code: concept(code),
      subject: this.subject(),
      effectiveDateTime: this.at(when),
      conclusionCode: [concept(value)],
    };
    this.resources.push(diagnosticReport);
    return this;
  }

  private booleanFact(code: CodeDef, value: boolean, when: Ago, via: FactChannel, category: ObservationCategory): this {
    if (via === 'questionnaire') {
      return this.questionnaireAnswer(code.code, value, when);
    }
    return this.observation({
      code,
      category,
      when,
      value: { valueBoolean: value },
    });
  }
}

/** Shorthand: `patientBundle('pcb-demo-x', today).born({ yearsAgo: 30 })…build()`. */
export function patientBundle(patientId: string, today: Date = new Date()): PatientBundleBuilder {
  return new PatientBundleBuilder(patientId, today);
}

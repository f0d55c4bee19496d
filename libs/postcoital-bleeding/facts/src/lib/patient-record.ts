// The patient's chart as the guideline needs it: every item already classified (codes are resolved
// by the terminology in the record library) and dated, but nothing interpreted yet. Interpretation
// (is she pregnant? is screening current?) depends on guideline parameters and happens in derive-*.ts.

/** Calendar date, YYYY-MM-DD. */
export type IsoDate = string;

export interface Dated {
  date: IsoDate;
}

/** History that counts even when recorded without a date (fact-encoding.md "Undated history"). */
export interface MaybeDated {
  date?: IsoDate;
}

/** A result-bearing resource whose test code is known but whose result code is not. */
export interface UnrecognisedResult {
  system?: string;
  code?: string;
  display?: string;
  date?: IsoDate;
  resourceType: string;
}

export type PcbSource = 'condition' | 'encounter' | 'observation' | 'questionnaire';
export type CytologyResult =
  | 'NILM'
  | 'ASC-US'
  | 'LSIL'
  | 'ASC-H'
  | 'HSIL'
  | 'AGC'
  | 'AIS'
  | 'SCC'
  | 'benign-endometrial'
  | 'unsatisfactory'
  | 'unknown';
export type HpvResult = 'negative' | 'positive' | 'hpv16' | 'hpv18' | 'unknown';
export type HysterectomyGroup = 'no-cervix' | 'cervix-retained' | 'ambiguous';
export type PregnancyEvidenceKind =
  | 'status-pregnant'
  | 'status-not-pregnant'
  | 'pregnancy-condition'
  | 'antenatal-episode'
  | 'hcg-positive'
  | 'hcg-negative';
export type RiskKind =
  | 'anticoagulant'
  | 'tamoxifen'
  | 'hrt'
  | 'immunosuppressant'
  | 'hiv'
  | 'immunocompromised'
  /** IBD, rheumatoid arthritis, lupus: immunocompromising only with an active immunosuppressant. */
  | 'immune-mediated-disease'
  | 'bleeding-disorder';
export type PregnancyOfConcernKind = 'ectopic' | 'molar' | 'failed' | 'incomplete-abortion';
export type HistologyResult = 'normal' | 'cin1' | 'cin2-plus' | 'cancer' | 'unknown';
export type SymptomKind =
  | 'fever'
  | 'discharge'
  | 'pelvic-pain'
  | 'weight-loss'
  | 'syncope'
  | 'heavy-bleeding'
  | 'intermenstrual-bleeding'
  /** Recorded so it is seen, never counted as acute pain (R2-20). */
  | 'chronic-pain';
export type FindingKind =
  | 'cervical-lesion'
  | 'vaginal-lesion'
  | 'cervicitis'
  | 'cervical-polyp'
  | 'ectropion'
  | 'vault-prolapse'
  | 'pelvic-mass';
export type StiOrganism = 'chlamydia' | 'gonorrhea' | 'ct-ng' | 'trichomonas';
export type CervicalHistoryKind = 'cin1' | 'cin2-plus' | 'cancer';
export type VitalKind = 'systolic' | 'heart-rate' | 'temperature';

export interface PatientRecord {
  today: IsoDate;
  /** The evaluation instant (ISO dateTime), for the hour windows of R2-20; absent → midday of `today`. */
  now?: string;
  /** Where the hook was called from, by the class of its Encounter (the terminology classifies it). */
  setting?: 'hospital' | 'outpatient';
  birthDate?: IsoDate;
  administrativeGender?: 'male' | 'female' | 'other' | 'unknown';
  birthSex?: 'F' | 'M' | 'UNK';
  /** A recorded gender identity that implies a natal female tract (e.g. trans man). */
  genderIdentityWithFemaleTract: boolean;
  /** Onset (or first record) and, when different, the date the record was written. */
  pcb: (Dated & { recorded?: IsoDate; source: PcbSource })[];
  pregnancyEvidence: (Dated & { kind: PregnancyEvidenceKind })[];
  /** Quantitative hCG in mIU/mL; the positivity cut-off is a guideline parameter. */
  hcgQuantitative: (Dated & { value: number })[];
  gestationalAge: (Dated & { weeks: number })[];
  estimatedDeliveryDate: (Dated & { value: IsoDate })[];
  lastMenstrualPeriod: (Dated & { value: IsoDate })[];
  pregnancyEnded: (Dated & { kind: 'delivery' | 'abortive-outcome' | 'status-not-pregnant' })[];
  /** R2-25: active ectopic / molar / failed pregnancy / incomplete abortion, and procedures that treat one. */
  pregnancyOfConcern: (Dated & { kind: PregnancyOfConcernKind })[];
  pregnancyOfConcernTreated: Dated[];
  /** R2-17/R2-31: praevia, low-lying placenta, vasa praevia (active); scans reporting the placenta not low. */
  placentaPraevia: (Dated & { display?: string })[];
  placentaNotLow: Dated[];
  menopausalStatus: (Dated & { value: 'pre' | 'peri' | 'post'; source: 'observation' | 'condition' })[];
  /** Undated entries count (fact-encoding.md rev 2 "Undated history"). */
  hysterectomy: (MaybeDated & {
    group: HysterectomyGroup;
    code: string;
    display?: string;
    source?: 'procedure' | 'condition' | 'observation';
  })[];
  cytology: (Dated & { result: CytologyResult })[];
  hpv: (Dated & { result: HpvResult })[];
  /** Colposcopy, ECC, cervical histology or excision/ablation: "colposcopy/histology since" a result. */
  colposcopy: (Dated & { kind: 'colposcopy' | 'endocervical-curettage' | 'histology' | 'treatment' })[];
  histology: (Dated & { result: HistologyResult })[];
  /** Undated entries count (CIN2+ history needs no date to count). */
  cervicalHistory: (MaybeDated & { kind: CervicalHistoryKind; code: string; display?: string })[];
  stiTests: (Dated & { organism: StiOrganism; result: 'positive' | 'negative' })[];
  stiDiagnoses: Dated[];
  newSexualPartner: (Dated & { value: boolean })[];
  /**
   * Risk conditions and medicines. `active` false = a medicine no longer taken (completed or given),
   * which counts only for immunosuppression within its window. History conditions may be undated.
   */
  risks: (MaybeDated & {
    kind: RiskKind;
    display?: string;
    active?: boolean;
    ingredient?: string;
    drugClass?:
      | 'vitamin-k-antagonist'
      | 'factor-xa-inhibitor'
      | 'dabigatran'
      | 'low-molecular-weight-heparin'
      | 'unfractionated-heparin'
      | 'unknown';
  })[];
  /** `at`: the full dateTime when the source had one (R2-20 windows are in hours). */
  symptoms: (Dated & { kind: SymptomKind; at?: string })[];
  findings: (Dated & { kind: FindingKind })[];
  vitals: (Dated & { kind: VitalKind; value: number; at?: string })[];
  /** `labelConflict`: the result's label says the opposite of its code (the label was followed). */
  rhD: (Dated & { value: 'negative' | 'positive'; labelConflict?: string })[];
  /** TVUS endometrial thickness; `value` absent when the scan reports the endometrium not visualised (R2-8). */
  endometrialThicknessMm: (Dated & { value?: number; notVisualised?: boolean })[];
  /** Orders already active or in draft for the patient, by the guideline's order kind. */
  activeOrders: (Dated & { kind: string })[];
  /** Results the record holds but the terminology cannot read: reported, never guessed. */
  unrecognisedResults: UnrecognisedResult[];
}

/** An empty chart for `today`: a convenient base for builders and tests. */
export function emptyPatientRecord(today: IsoDate): PatientRecord {
  return {
    today,
    genderIdentityWithFemaleTract: false,
    pcb: [],
    pregnancyEvidence: [],
    hcgQuantitative: [],
    gestationalAge: [],
    estimatedDeliveryDate: [],
    lastMenstrualPeriod: [],
    pregnancyEnded: [],
    pregnancyOfConcern: [],
    pregnancyOfConcernTreated: [],
    placentaPraevia: [],
    placentaNotLow: [],
    menopausalStatus: [],
    hysterectomy: [],
    cytology: [],
    hpv: [],
    colposcopy: [],
    histology: [],
    cervicalHistory: [],
    stiTests: [],
    stiDiagnoses: [],
    newSexualPartner: [],
    risks: [],
    symptoms: [],
    findings: [],
    vitals: [],
    rhD: [],
    endometrialThicknessMm: [],
    activeOrders: [],
    unrecognisedResults: [],
  };
}

import type { CytologyResult, Dated, HpvResult, IsoDate, MaybeDated, PregnancyOfConcernKind, UnrecognisedResult } from './patient-record';

// The fact model of pcb-guideline.md §1: what the rules read. Each fact keeps the dated
// evidence it came from so a card can say what it rests on.

export type HysterectomyClass = 'none' | 'total' | 'subtotal' | 'unknown';
export type MenopausalStatus = 'pre' | 'peri' | 'post' | 'unknown';
export type PregnancyStatus = 'yes' | 'no' | 'unknown';
/** R2-26: the anticoagulant's class decides which coagulation test answers "how anticoagulated?". */
export type AnticoagulantClass =
  | 'vitamin-k-antagonist'
  | 'factor-xa-inhibitor'
  | 'dabigatran'
  | 'low-molecular-weight-heparin'
  | 'unfractionated-heparin'
  | 'unknown';
export type StiOrganismFound = 'chlamydia' | 'gonorrhoea' | 'trichomonas' | 'unknown';
/** Where the hook was called from (the context Encounter's class): decides ambulance vs rapid-response team (R2-29). */
export type CareSetting = 'hospital' | 'outpatient' | 'unknown';

/** What a data gap is about, so each gap is shown once, on the card whose rule uses that topic (R2-15). */
export type DataGapTopic =
  | 'birth-date'
  | 'sex'
  | 'pregnancy'
  | 'gestational-age'
  | 'menopause'
  | 'screening'
  | 'sti'
  | 'rhd'
  | 'hysterectomy'
  | 'history-date'
  | 'unrecognised-result'
  | 'other';

export interface DataGap {
  topic: DataGapTopic;
  text: string;
}

export interface PcbEpisode {
  inLookback: boolean;
  /** Earliest onset of the current episode. */
  start?: IsoDate;
  /** Days since `start`; persistence thresholds compare against this. */
  days?: number;
  latestRecord?: IsoDate;
}

export interface PregnancyFacts {
  status: PregnancyStatus;
  /** Why: e.g. "pregnancy status Observation 2026-11-20". */
  basis: string;
  evidenceDate?: IsoDate;
  gestationalAgeWeeks?: number;
  gestationalAgeBasis?: string;
  /** A pregnancy-end event (or later "not pregnant") after positive evidence: PCB-01. */
  conflict: boolean;
  ended?: Dated & { weeksSince: number };
  recentNegativeTest?: Dated;
  /** R2-17/R2-31: placenta praevia, low-lying placenta or vasa praevia in this pregnancy, not resolved by a later scan. */
  placentaPraevia?: Dated & { display?: string };
  /** R2-25: active ectopic, molar, failed pregnancy or incomplete abortion with no later treatment (status is then 'yes'). */
  ofConcern?: Dated & { kind: PregnancyOfConcernKind };
}

export interface MenopauseFacts {
  status: MenopausalStatus;
  basis: 'recorded' | 'diagnosis' | 'last-menstrual-period' | 'assumed-from-age' | 'age' | 'pregnant' | 'no-data';
  date?: IsoDate;
}

export interface CervicalTest extends Dated {
  cytology?: CytologyResult;
  hpv?: HpvResult;
}

export interface ScreeningFacts {
  anyResult: boolean;
  lastCytology?: Dated & { result: CytologyResult };
  lastHpv?: Dated & { result: HpvResult };
  /** Latest cytology and HPV within the cotest window of each other. */
  lastCotest?: Dated & { cytology: CytologyResult; hpv: HpvResult };
  /** Latest result at or above the ASCCP colposcopy threshold with no colposcopy since (PCB-16). */
  unmanagedAbnormal?: CervicalTest & { urgent: boolean };
  current: boolean;
  /** Why current or not, in clinician words: "cytology NILM 2021-03-02, 4.7 y ago: interval 3 y". */
  currencyReason: string;
  schedule: 'average-risk' | 'immunocompromised' | 'post-cin2' | 'adequately-screened-over-65' | 'nhs-programme' | 'none';
  adequatelyScreenedOut: boolean;
  lastColposcopy?: Dated;
}

export interface StiFacts {
  lastNaat?: Dated & { result: 'positive' | 'negative' };
  /** The latest positive NAAT (organisms positive on that date). */
  lastPositive?: Dated & { organisms: StiOrganismFound[] };
  newPartner?: Dated;
  /** R2-23: a positive NAAT more than `stiPositiveRetestMonths` ago, or an STI diagnosis. */
  priorSti?: Dated;
}

export interface RiskFacts {
  anticoagulant?: Dated & { display?: string; drugClass: AnticoagulantClass };
  tamoxifen?: Dated;
  /** `startedOn`: the earliest start seen for systemic HRT (PCB-22 says how long it has been taken). */
  systemicHrt?: Dated & { display?: string; startedOn?: IsoDate };
  /** HIV specifically (UK annual screening wording); also counted in `immunocompromised`. Undated history counts. */
  hiv?: MaybeDated;
  immunocompromised?: MaybeDated;
  /** Undated CIN2+ history counts (as within 25 years): fact-encoding.md "Caveats". */
  /** `display`: what was recorded (e.g. "CIN 3" on a biopsy report), for the card to name (R2-15). */
  cin2PlusHistory?: MaybeDated & { kind: 'cin2-plus' | 'cancer'; display?: string };
  bleedingDisorder?: Dated;
}

/** R2-20: the most recent value of each vital sign, only when within `acuteFindingHours`. */
export interface VitalSignFacts {
  systolicBp?: Dated & { value: number };
  heartRate?: Dated & { value: number };
  temperatureC?: Dated & { value: number };
}

export interface RedFlagFacts {
  heavyBleeding?: Dated;
  unstable?: Dated & { reason: string };
  pelvicPain?: Dated;
  fever?: Dated & { reason: string };
  discharge?: Dated;
  syncope?: Dated;
  weightLoss?: Dated;
  intermenstrualBleeding?: Dated;
  cervicalLesion?: Dated;
  /** fact-encoding.md rev 2: vaginal lesion (SNOMED 289517005) — a suspicious lesion for PCB-17. */
  vaginalLesion?: Dated;
  /** fact-encoding.md rev 2: cervicitis (SNOMED 37610005) — counts with discharge for PCB-13/52. */
  cervicitis?: Dated;
  cervicalPolyp?: Dated;
  ectropion?: Dated;
  vaultProlapse?: Dated;
  pelvicMass?: Dated;
}

export interface PostcoitalBleedingFacts {
  today: IsoDate;
  ageYears?: number;
  femaleTract: boolean;
  pcb: PcbEpisode;
  /** `date` is undefined when the hysterectomy (or cervix absence) is recorded without one. */
  hysterectomy: { class: HysterectomyClass; ambiguity?: 'ambiguous-code' | 'result-after-total'; date?: IsoDate; display?: string };
  hasCervix: boolean;
  hasCorpus: boolean;
  pregnancy: PregnancyFacts;
  menopause: MenopauseFacts;
  screening: ScreeningFacts;
  sti: StiFacts;
  risks: RiskFacts;
  redFlags: RedFlagFacts;
  vitalSigns: VitalSignFacts;
  setting: CareSetting;
  rhD: 'negative' | 'positive' | 'unknown';
  rhDDate?: IsoDate;
  /** Any TVUS result in the look-back (R2-8); `mm` absent when the endometrium was not visualised. */
  endometrialThickness?: Dated & { mm?: number; notVisualised?: boolean };
  activeOrders: (Dated & { kind: string })[];
  /** Result-bearing resources whose result code the terminology does not know: never read as normal or absent. */
  unrecognisedResults: UnrecognisedResult[];
  /** Missing data a clinician should know about, each once, by topic. */
  dataGaps: DataGap[];
}

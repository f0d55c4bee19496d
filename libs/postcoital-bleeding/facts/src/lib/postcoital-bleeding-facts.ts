import type { CytologyResult, Dated, HpvResult, IsoDate } from './patient-record';

// The fact model of pcb-guideline.md §1: what the rules read. Each fact keeps the dated
// evidence it came from so a card can say what it rests on.

export type HysterectomyClass = 'none' | 'total' | 'subtotal' | 'unknown';
export type MenopausalStatus = 'pre' | 'peri' | 'post' | 'unknown';
export type PregnancyStatus = 'yes' | 'no' | 'unknown';

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
  lastPositive?: Dated;
  newPartner?: Dated;
  priorSti?: Dated;
}

export interface RiskFacts {
  anticoagulant?: Dated & { display?: string };
  tamoxifen?: Dated;
  systemicHrt?: Dated & { display?: string };
  immunocompromised?: Dated;
  cin2PlusHistory?: Dated & { kind: 'cin2-plus' | 'cancer' };
  bleedingDisorder?: Dated;
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
  hysterectomy: { class: HysterectomyClass; ambiguity?: 'ambiguous-code' | 'result-after-total'; date?: IsoDate; display?: string };
  hasCervix: boolean;
  hasCorpus: boolean;
  pregnancy: PregnancyFacts;
  menopause: MenopauseFacts;
  screening: ScreeningFacts;
  sti: StiFacts;
  risks: RiskFacts;
  redFlags: RedFlagFacts;
  rhD: 'negative' | 'positive' | 'unknown';
  rhDDate?: IsoDate;
  endometrialThickness?: Dated & { mm: number };
  activeOrders: (Dated & { kind: string })[];
  /** Missing data a clinician should know about (listed on every card). */
  dataGaps: string[];
}

import type { CytologyResult, HpvResult } from './patient-record';

export interface ThresholdInput {
  cytology?: CytologyResult;
  hpv?: HpvResult;
  ageYears?: number;
  immunocompromised: boolean;
}

export type ThresholdVerdict = 'colposcopy-urgent' | 'colposcopy-soon' | 'surveillance' | 'normal' | 'needs-triage';

const HIGH_GRADE: readonly CytologyResult[] = ['HSIL', 'ASC-H', 'AGC', 'AIS', 'SCC'];
const LOW_GRADE: readonly CytologyResult[] = ['ASC-US', 'LSIL'];
/** ASCCP 2019 applies its adult table from 25; 21–24 gets the conservative table [S4][S6]. */
const ADULT_MANAGEMENT_AGE = 25;

/**
 * PCB-16's ASCCP-2019 colposcopy threshold for one screening event (cytology and/or HPV from the
 * same visit). High-grade cytology counts at any age: the guideline names ≥21, but a high-grade
 * result in a younger patient is still a colposcopy indication and missing it is the worse error.
 */
export function colposcopyThreshold(input: ThresholdInput): ThresholdVerdict {
  const { cytology, hpv, ageYears, immunocompromised } = input;
  const hpvPositive = hpv === 'positive' || hpv === 'hpv16' || hpv === 'hpv18';
  const hpv1618 = hpv === 'hpv16' || hpv === 'hpv18';
  const adult = ageYears === undefined || ageYears >= ADULT_MANAGEMENT_AGE;

  if (cytology && HIGH_GRADE.includes(cytology)) {
    return 'colposcopy-urgent';
  }
  if (hpv1618 && (adult || immunocompromised)) {
    return 'colposcopy-urgent';
  }
  if (cytology && LOW_GRADE.includes(cytology)) {
    if (immunocompromised && (cytology === 'LSIL' || hpvPositive)) {
      return 'colposcopy-soon';
    }
    if (adult && (hpvPositive || (cytology === 'LSIL' && hpv === undefined))) {
      return 'colposcopy-soon';
    }
    return 'surveillance';
  }
  if (cytology === 'unsatisfactory' || cytology === 'unknown') {
    return 'needs-triage';
  }
  if (hpvPositive) {
    // hrHPV+ with NILM → repeat in 1 y; hrHPV+ with no cytology at all still needs triage cytology.
    return cytology ? 'surveillance' : 'needs-triage';
  }
  if (hpv === 'unknown' && !cytology) {
    return 'needs-triage';
  }
  return 'normal';
}

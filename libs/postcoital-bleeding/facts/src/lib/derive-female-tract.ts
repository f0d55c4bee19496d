import type { PatientRecord } from './patient-record';

/**
 * §1 `femaleTract` (R2-19): the gate closes for male administrative sex or US Core birth sex M when
 * nothing shows a cervix, vagina or uterus: birth sex F, a gender identity implying a natal female
 * tract, or any gynaecological or obstetric record. A record of absence (an Observation "cervix
 * absent") is not such evidence. Unknown sex keeps the gate open: missing a patient is worse than
 * an extra card.
 */
export function deriveFemaleTract(record: PatientRecord): boolean {
  const maleRecorded = record.administrativeGender === 'male' || record.birthSex === 'M';
  if (!maleRecorded) {
    return true;
  }
  const organEvidence =
    record.cytology.length > 0 ||
    record.hpv.length > 0 ||
    record.histology.length > 0 ||
    record.colposcopy.length > 0 ||
    record.cervicalHistory.length > 0 ||
    record.hysterectomy.some((h) => h.source !== 'observation') ||
    record.pregnancyEvidence.some((e) => e.kind !== 'status-not-pregnant' && e.kind !== 'hcg-negative') ||
    record.pregnancyOfConcern.length > 0 ||
    record.placentaPraevia.length > 0 ||
    record.pregnancyEnded.some((e) => e.kind !== 'status-not-pregnant') ||
    record.menopausalStatus.length > 0;
  return record.birthSex === 'F' || record.genderIdentityWithFemaleTract || organEvidence;
}

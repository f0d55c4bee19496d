import type { PatientRecord } from './patient-record';

/**
 * §1 `femaleTract`: the gate closes only for male administrative sex with no evidence of a cervix
 * or uterus (birth sex F, a gender identity implying a natal female tract, or any gynaecological
 * record). Unknown sex keeps the gate open: missing a patient is worse than an extra card.
 */
export function deriveFemaleTract(record: PatientRecord): boolean {
  if (record.administrativeGender !== 'male') {
    return true;
  }
  const organEvidence =
    record.cytology.length > 0 ||
    record.hpv.length > 0 ||
    record.colposcopy.length > 0 ||
    record.hysterectomy.length > 0 ||
    record.pregnancyEvidence.some((e) => e.kind !== 'status-not-pregnant' && e.kind !== 'hcg-negative') ||
    record.menopausalStatus.length > 0;
  return record.birthSex === 'F' || record.genderIdentityWithFemaleTract || organEvidence;
}

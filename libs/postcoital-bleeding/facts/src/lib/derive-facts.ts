import { latest, wholeYears, withinDays } from './dates';
import { deriveFemaleTract } from './derive-female-tract';
import { deriveHysterectomy } from './derive-hysterectomy';
import { deriveMenopause } from './derive-menopause';
import { derivePcbEpisode } from './derive-pcb-episode';
import { derivePregnancy } from './derive-pregnancy';
import { deriveRedFlags } from './derive-red-flags';
import { deriveRisks } from './derive-risks';
import { deriveScreening } from './derive-screening';
import { deriveSti } from './derive-sti';
import type { GuidelineParameters } from './guideline-parameters';
import type { PatientRecord } from './patient-record';
import type { PostcoitalBleedingFacts } from './postcoital-bleeding-facts';

/** The patient's chart → the §1 fact model, under the given guideline parameters. */
export function deriveFacts(record: PatientRecord, p: GuidelineParameters): PostcoitalBleedingFacts {
  const ageYears = record.birthDate ? wholeYears(record.birthDate, record.today) : undefined;
  const hyst = deriveHysterectomy(record);
  const menopause = deriveMenopause(record, p, ageYears);
  const pregnancy = derivePregnancy(record, p, { hasCorpus: hyst.hasCorpus, menopause: menopause.status });
  const risks = deriveRisks(record, p);
  const screening = deriveScreening(record, p, { ageYears, risks });
  const sti = deriveSti(record, p);
  const rh = latest(record.rhD);
  const et = latest(record.endometrialThicknessMm.filter((e) => withinDays(e.date, p.endometrialThicknessRecentDays, record.today)));
  const facts: Omit<PostcoitalBleedingFacts, 'dataGaps'> = {
    today: record.today,
    ageYears,
    femaleTract: deriveFemaleTract(record),
    pcb: derivePcbEpisode(record, p),
    ...hyst,
    pregnancy,
    menopause: pregnancy.status === 'yes' && menopause.status === 'post' ? { status: 'pre', basis: 'pregnant' } : menopause,
    screening,
    sti,
    risks,
    redFlags: deriveRedFlags(record, p),
    rhD: rh?.value ?? 'unknown',
    rhDDate: rh?.date,
    endometrialThickness: et && { date: et.date, mm: et.value },
    activeOrders: record.activeOrders,
  };
  return { ...facts, dataGaps: dataGaps(facts, p) };
}

function dataGaps(f: Omit<PostcoitalBleedingFacts, 'dataGaps'>, p: GuidelineParameters): string[] {
  const gaps: string[] = [];
  if (f.ageYears === undefined) {
    gaps.push('No birth date: age-dependent advice assumes an adult of screening age');
  }
  if (f.hasCervix && !f.screening.anyResult) {
    gaps.push('No cervical cytology or HPV result on record');
  }
  if (f.hasCorpus && f.pregnancy.status === 'unknown') {
    gaps.push(`Pregnancy status not recorded in the last ${p.hcgRecentDays} days`);
  }
  if (f.pregnancy.status === 'yes' && f.pregnancy.gestationalAgeWeeks === undefined) {
    gaps.push('Gestational age not recorded');
  }
  if (f.hasCorpus && f.menopause.status === 'unknown') {
    gaps.push('Menopausal status unknown (no last menstrual period or menopause observation)');
  }
  if (!f.sti.lastNaat) {
    gaps.push('No chlamydia/gonorrhoea NAAT on record');
  }
  if (f.pregnancy.status === 'yes' && f.rhD === 'unknown') {
    gaps.push('RhD type not on record');
  }
  if (f.hysterectomy.ambiguity) {
    gaps.push('Hysterectomy type unclear: cervix may be present');
  }
  return gaps;
}

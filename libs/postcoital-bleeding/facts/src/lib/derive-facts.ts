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
import type { CareSetting, DataGap, PostcoitalBleedingFacts } from './postcoital-bleeding-facts';

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
    ...deriveRedFlags(record, p),
    setting: careSetting(record.encounterClass),
    rhD: rh?.value ?? 'unknown',
    rhDDate: rh?.date,
    endometrialThickness: et && { date: et.date, mm: et.value },
    activeOrders: record.activeOrders,
    unrecognisedResults: record.unrecognisedResults,
  };
  return { ...facts, dataGaps: dataGaps(facts, p) };
}

const HOSPITAL_CLASSES = new Set(['EMER', 'IMP', 'ACUTE', 'OBSENC']);
const OUTPATIENT_CLASSES = new Set(['AMB', 'VR', 'HH']);

/** The facts contract: in hospital (EMER/IMP/ACUTE/OBSENC), outpatient (AMB/VR/HH), else unknown. */
function careSetting(encounterClass: string | undefined): CareSetting {
  if (encounterClass && HOSPITAL_CLASSES.has(encounterClass)) {
    return 'hospital';
  }
  return encounterClass && OUTPATIENT_CLASSES.has(encounterClass) ? 'outpatient' : 'unknown';
}

function dataGaps(f: Omit<PostcoitalBleedingFacts, 'dataGaps'>, p: GuidelineParameters): DataGap[] {
  const gaps: DataGap[] = [];
  if (f.ageYears === undefined) {
    gaps.push({ topic: 'birth-date', text: 'No birth date: age-dependent advice assumes an adult of screening age' });
  }
  if (f.hasCervix && !f.screening.anyResult) {
    gaps.push({ topic: 'screening', text: 'No cervical cytology or HPV result on record' });
  }
  if (f.hasCorpus && f.pregnancy.status === 'unknown') {
    gaps.push({ topic: 'pregnancy', text: `Pregnancy status not recorded in the last ${p.hcgRecentDays} days` });
  }
  if (f.pregnancy.status === 'yes' && f.pregnancy.gestationalAgeWeeks === undefined) {
    gaps.push({ topic: 'gestational-age', text: 'Gestational age not recorded' });
  }
  if (f.hasCorpus && f.menopause.status === 'unknown') {
    gaps.push({ topic: 'menopause', text: 'Menopausal status unknown (no last menstrual period or menopause observation)' });
  }
  if (!f.sti.lastNaat) {
    gaps.push({ topic: 'sti', text: 'No chlamydia/gonorrhoea NAAT on record' });
  }
  if (f.pregnancy.status === 'yes' && f.rhD === 'unknown') {
    gaps.push({ topic: 'rhd', text: 'RhD type not on record' });
  }
  if (f.hysterectomy.ambiguity) {
    gaps.push({ topic: 'hysterectomy', text: 'Hysterectomy type unclear: cervix may be present' });
  }
  return gaps;
}

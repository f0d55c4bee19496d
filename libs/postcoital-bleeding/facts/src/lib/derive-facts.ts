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
import { dataGaps } from './data-gaps';

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
    setting: record.setting ?? 'unknown',
    rhD: rh?.value ?? 'unknown',
    rhDDate: rh?.date,
    endometrialThickness: et && { date: et.date, ...(et.value !== undefined ? { mm: et.value } : { notVisualised: true }) },
    activeOrders: record.activeOrders,
    unrecognisedResults: record.unrecognisedResults,
  };
  return { ...facts, dataGaps: dataGaps(facts, record, p) };
}

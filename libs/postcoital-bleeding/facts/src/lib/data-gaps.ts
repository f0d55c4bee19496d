import { latest } from './dates';
import type { GuidelineParameters } from './guideline-parameters';
import type { PatientRecord, UnrecognisedResult } from './patient-record';
import type { DataGap, PostcoitalBleedingFacts } from './postcoital-bleeding-facts';

/**
 * Missing or unreadable data a clinician should know about, each once, by topic (R2-15). An absence
 * that is normal for the patient's age is not a gap (no screening before the screening age, no
 * pregnancy test outside the hCG age range, no NAAT after the menopause).
 */
export function dataGaps(f: Omit<PostcoitalBleedingFacts, 'dataGaps'>, record: PatientRecord, p: GuidelineParameters): DataGap[] {
  const gaps: DataGap[] = [];
  const age = f.ageYears;
  const ageAtLeast = (min: number): boolean => age === undefined || age >= min;
  const ageAtMost = (max: number): boolean => age === undefined || age <= max;
  if (age === undefined) {
    gaps.push({ topic: 'birth-date', text: 'No birth date: age-dependent advice assumes an adult of screening age' });
  }
  if (f.hasCervix && !f.screening.anyResult && ageAtLeast(p.screenMinAge)) {
    gaps.push({ topic: 'screening', text: 'No cervical cytology or HPV result on record' });
  }
  if (f.hasCorpus && f.pregnancy.status === 'unknown' && ageAtLeast(p.hcgMinAge) && ageAtMost(p.hcgMaxAge)) {
    gaps.push({ topic: 'pregnancy', text: `Pregnancy status not recorded in the last ${p.hcgRecentDays} days` });
  }
  if (f.pregnancy.status === 'yes' && f.pregnancy.gestationalAgeWeeks === undefined && !f.pregnancy.ofConcern) {
    gaps.push({ topic: 'gestational-age', text: 'Gestational age not recorded' });
  }
  if (f.hasCorpus && f.menopause.status === 'unknown') {
    gaps.push({ topic: 'menopause', text: 'Menopausal status unknown (no last menstrual period or menopause observation)' });
  }
  if (!f.sti.lastNaat && f.menopause.status !== 'post') {
    gaps.push({ topic: 'sti', text: `No chlamydia/${p.jurisdiction === 'UK' ? 'gonorrhoea' : 'gonorrhea'} NAAT on record` });
  }
  if (f.pregnancy.status === 'yes' && f.rhD === 'unknown') {
    gaps.push({ topic: 'rhd', text: 'RhD type not on record' });
  }
  const rhDConflict = latest(record.rhD)?.labelConflict;
  if (rhDConflict) {
    gaps.push({
      topic: 'rhd',
      text: `RhD result coded one way and labelled the other (${rhDConflict}): read as labelled; confirm the RhD type`,
    });
  }
  if (f.hysterectomy.ambiguity) {
    gaps.push({ topic: 'hysterectomy', text: 'Hysterectomy type unclear: cervix may be present' });
  }
  gaps.push(...historyDateGaps(f, record));
  gaps.push(...unrecognisedResultGaps(f.unrecognisedResults));
  return gaps;
}

/** Undated history counts; its missing date is named only where a date changes the advice. */
function historyDateGaps(f: Omit<PostcoitalBleedingFacts, 'dataGaps'>, record: PatientRecord): DataGap[] {
  const gaps: DataGap[] = [];
  const lastResult = latest([...record.cytology, ...record.hpv]);
  if (f.hysterectomy.class === 'total' && f.hysterectomy.date === undefined && lastResult) {
    gaps.push({
      topic: 'history-date',
      text: `Total hysterectomy recorded without a date: the cervical result of ${lastResult.date} cannot be placed before or after it`,
    });
  }
  const cin2 = f.risks.cin2PlusHistory;
  if (cin2 && cin2.kind === 'cin2-plus' && cin2.date === undefined) {
    gaps.push({ topic: 'history-date', text: 'CIN2+ history recorded without a date: post-treatment surveillance assumed still due' });
  }
  return gaps;
}

/** One gap per unreadable result (same code on the same date once): "result not recognised: <system|code display>, dated …". */
function unrecognisedResultGaps(results: readonly UnrecognisedResult[]): DataGap[] {
  const seen = new Set<string>();
  const gaps: DataGap[] = [];
  for (const r of results) {
    const coded = r.code ? `${r.system ?? 'no system'}|${r.code}` : 'no coded result';
    const key = `${coded} ${r.date ?? ''}`;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    const display = r.display ? ` ${r.display}` : '';
    gaps.push({
      topic: 'unrecognised-result',
      text: `result not recognised: ${coded}${display}, dated ${r.date ?? 'unknown'} (${r.resourceType})`,
    });
  }
  return gaps;
}

import { addDays, daysBetween, latest, withinDays } from './dates';
import type { GuidelineParameters } from './guideline-parameters';
import type { Dated, PatientRecord, PregnancyOfConcernKind } from './patient-record';
import type { MenopausalStatus, PregnancyFacts } from './postcoital-bleeding-facts';

const TERM_WEEKS = 40;

/**
 * §1 `pregnant`, `ga`: yes on positive evidence within 280 days with no later end event or later
 * "not pregnant" (that combination is PCB-01's conflict, and then status is no); no on a recent
 * negative test, no uterus, or postmenopause; otherwise unknown.
 */
export function derivePregnancy(
  record: PatientRecord,
  p: GuidelineParameters,
  context: { hasCorpus: boolean; menopause: MenopausalStatus },
): PregnancyFacts {
  const { today } = record;
  const positives: (Dated & { what: string })[] = [
    ...record.pregnancyEvidence
      .filter(
        (e) =>
          e.kind === 'status-pregnant' || e.kind === 'pregnancy-condition' || e.kind === 'antenatal-episode' || e.kind === 'hcg-positive',
      )
      .map((e) => ({ date: e.date, what: describeEvidence(e.kind) })),
    ...record.pregnancyOfConcern.map((c) => ({ date: c.date, what: `${CONCERN_WORDS[c.kind]} recorded` })),
    ...record.placentaPraevia.map((c) => ({ date: c.date, what: `${c.display ?? 'placenta praevia'} recorded` })),
    ...record.hcgQuantitative
      .filter((h) => h.value >= p.quantitativeHcgPositive)
      .map((h) => ({ date: h.date, what: `quantitative hCG ${h.value} mIU/mL` })),
    ...record.gestationalAge.map((g) => ({ date: g.date, what: `gestational age ${g.weeks} wk recorded` })),
  ].filter((e) => withinDays(e.date, p.pregnancyEvidenceDays, today));
  const negatives: (Dated & { what: string })[] = [
    ...record.pregnancyEvidence
      .filter((e) => e.kind === 'status-not-pregnant' || e.kind === 'hcg-negative')
      .map((e) => ({ date: e.date, what: describeEvidence(e.kind) })),
    ...record.hcgQuantitative
      .filter((h) => h.value < p.quantitativeHcgPositive)
      .map((h) => ({ date: h.date, what: `quantitative hCG ${h.value} mIU/mL` })),
  ];
  // R2-25: treatment of an ectopic, molar or failed pregnancy ends it like an abortive outcome.
  const lastEnd = latest([
    ...record.pregnancyEnded,
    ...record.pregnancyOfConcernTreated.map((t) => ({ date: t.date, kind: 'abortive-outcome' as const })),
  ]);
  const lastPositive = latest(positives);
  const lastNegative = latest(negatives);
  const recentNegative = lastNegative && withinDays(lastNegative.date, p.hcgRecentDays, today) ? lastNegative : undefined;
  const ended = lastEnd ? { date: lastEnd.date, weeksSince: Math.floor(daysBetween(lastEnd.date, today) / 7) } : undefined;
  const base = { conflict: false, ended, recentNegativeTest: recentNegative && { date: recentNegative.date } };

  if (lastPositive) {
    const laterEnd = lastEnd && lastEnd.date >= lastPositive.date ? lastEnd : undefined;
    const laterNegative = lastNegative && lastNegative.date > lastPositive.date ? lastNegative : undefined;
    if (laterEnd || laterNegative) {
      const end = laterEnd ?? (laterNegative as Dated);
      return {
        ...base,
        status: 'no',
        conflict: true,
        basis: `${lastPositive.what} on ${lastPositive.date}, then pregnancy ended or recorded not pregnant on ${end.date}`,
        evidenceDate: lastPositive.date,
        ended: { date: end.date, weeksSince: Math.floor(daysBetween(end.date, today) / 7) },
      };
    }
    return {
      ...base,
      status: 'yes',
      basis: `${lastPositive.what} on ${lastPositive.date}`,
      evidenceDate: lastPositive.date,
      ...gestationalAge(record, today),
      ...currentPregnancyFindings(record, p),
    };
  }
  if (recentNegative) {
    return { ...base, status: 'no', basis: `${recentNegative.what} on ${recentNegative.date}` };
  }
  if (!context.hasCorpus) {
    return { ...base, status: 'no', basis: 'no uterus' };
  }
  if (context.menopause === 'post') {
    return { ...base, status: 'no', basis: 'postmenopausal' };
  }
  return { ...base, status: 'unknown', basis: `no pregnancy test or status in the last ${p.hcgRecentDays} days` };
}

/** GA = last recorded GA + elapsed time, else from EDD, else from LMP (§1). */
function gestationalAge(record: PatientRecord, today: string): Pick<PregnancyFacts, 'gestationalAgeWeeks' | 'gestationalAgeBasis'> {
  const ga = latest(record.gestationalAge);
  if (ga) {
    const weeks = round1(ga.weeks + daysBetween(ga.date, today) / 7);
    return { gestationalAgeWeeks: weeks, gestationalAgeBasis: `${ga.weeks} wk recorded on ${ga.date}` };
  }
  const edd = latest(record.estimatedDeliveryDate);
  if (edd) {
    const weeks = round1(TERM_WEEKS - daysBetween(today, edd.value) / 7);
    return { gestationalAgeWeeks: weeks, gestationalAgeBasis: `estimated delivery date ${edd.value}` };
  }
  const lmp = latest(record.lastMenstrualPeriod);
  if (lmp && lmp.value <= today && lmp.value >= addDays(today, -TERM_WEEKS * 7 - 14)) {
    return {
      gestationalAgeWeeks: round1(daysBetween(lmp.value, today) / 7),
      gestationalAgeBasis: `last menstrual period ${lmp.value}`,
    };
  }
  return {};
}

const CONCERN_WORDS: Record<PregnancyOfConcernKind, string> = {
  ectopic: 'ectopic pregnancy',
  molar: 'molar pregnancy',
  failed: 'failed pregnancy',
  'incomplete-abortion': 'incomplete miscarriage',
};

/**
 * In an ongoing pregnancy: a pregnancy of concern (R2-25) and placenta praevia (R2-17/R2-31), each
 * only when recorded in this pregnancy (within `pregnancyEvidenceDays`, no end event since); praevia
 * also only until a later scan reports the placenta not low.
 */
function currentPregnancyFindings(record: PatientRecord, p: GuidelineParameters): Pick<PregnancyFacts, 'ofConcern' | 'placentaPraevia'> {
  const { today } = record;
  const ends = [...record.pregnancyEnded, ...record.pregnancyOfConcernTreated];
  const notLaterEnded = (d: Dated): boolean => withinDays(d.date, p.pregnancyEvidenceDays, today) && !ends.some((e) => e.date >= d.date);
  const concern = latest(record.pregnancyOfConcern.filter(notLaterEnded));
  const praevia = latest(
    record.placentaPraevia.filter((pp) => notLaterEnded(pp) && !record.placentaNotLow.some((scan) => scan.date > pp.date)),
  );
  return {
    ...(concern ? { ofConcern: { date: concern.date, kind: concern.kind } } : {}),
    ...(praevia ? { placentaPraevia: { date: praevia.date, ...(praevia.display ? { display: praevia.display } : {}) } } : {}),
  };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function describeEvidence(kind: string): string {
  switch (kind) {
    case 'status-pregnant':
      return 'pregnancy status "pregnant"';
    case 'status-not-pregnant':
      return 'pregnancy status "not pregnant"';
    case 'pregnancy-condition':
      return 'pregnancy diagnosis';
    case 'antenatal-episode':
      return 'antenatal care episode';
    case 'hcg-positive':
      return 'positive hCG';
    default:
      return 'negative hCG';
  }
}

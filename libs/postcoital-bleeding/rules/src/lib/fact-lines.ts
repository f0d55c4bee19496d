import type { GuidelineParameters, PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import { daysBetween, durationInWords } from '@pcb-cds/postcoital-bleeding-facts';
import type { FactLine } from './recommendation';

// How each fact is shown to the clinician: label, value, and at most one date (the card adds "how long
// ago" beside it). One function per fact so every card words the same fact the same way.

type F = PostcoitalBleedingFacts;

export const ageLine = (f: F): FactLine => ({
  label: 'Age',
  value: f.ageYears === undefined ? 'unknown (no birth date)' : `${f.ageYears} years`,
});

export const pcbLine = (f: F): FactLine => ({
  label: 'Postcoital bleeding',
  value: 'first recorded',
  date: f.pcb.start,
});

export const screeningLine = (f: F): FactLine => ({
  label: 'Cervical screening',
  // The reason already names the test and its date.
  value: `${f.screening.currencyReason} → ${f.screening.current ? 'current' : 'not current'}`,
});

export const pregnancyLine = (f: F): FactLine => ({
  label: 'Pregnancy',
  value:
    f.pregnancy.status === 'yes'
      ? `pregnant${gestationText(f)} (${undated(f.pregnancy.basis)})`
      : `${f.pregnancy.status === 'no' ? 'not pregnant' : 'unknown'} (${undated(f.pregnancy.basis)})`,
  date: f.pregnancy.evidenceDate ?? f.pregnancy.recentNegativeTest?.date,
});

/** A basis sentence without its date: the line carries the date once (R2-15). */
const undated = (text: string): string => text.replace(/,?\s*(recorded )?(on |dated )?\d{4}-\d{2}-\d{2}/g, '').trim();

/** "30 weeks", "gestation unknown", or the pregnancy of concern. */
export function gestationText(f: F): string {
  const concern = f.pregnancy.ofConcern;
  if (concern) {
    return `, known ${CONCERN[concern.kind]} pregnancy`;
  }
  const weeks = f.pregnancy.gestationalAgeWeeks;
  return weeks === undefined ? ', gestation unknown' : `, ${weeks} weeks`;
}

export const CONCERN: Record<NonNullable<F['pregnancy']['ofConcern']>['kind'], string> = {
  ectopic: 'ectopic',
  molar: 'molar',
  failed: 'failed',
  'incomplete-abortion': 'incomplete miscarriage (failed)',
};

export const menopauseLine = (f: F): FactLine => ({
  label: 'Menopausal status',
  value: `${f.menopause.status} (${menopauseBasis(f)})`,
  ...(f.menopause.basis === 'recorded' || f.menopause.basis === 'diagnosis' || f.menopause.basis === 'last-menstrual-period'
    ? { date: f.menopause.date }
    : {}),
});

/** `jurisdiction` picks the spelling (R2-13); the order hooks call it without one (US). */
export const naatLine = (f: F, jurisdiction: 'US' | 'UK' = 'US'): FactLine => {
  const label = `Last chlamydia/${jurisdiction === 'UK' ? 'gonorrhoea' : 'gonorrhea'} NAAT`;
  return f.sti.lastNaat ? { label, value: f.sti.lastNaat.result, date: f.sti.lastNaat.date } : { label, value: 'none on record' };
};

export const dated = (label: string, value: string, date?: string): FactLine => ({ label, value, ...(date ? { date } : {}) });

export const hysterectomyLine = (f: F): FactLine =>
  dated('Hysterectomy', `${f.hysterectomy.class}${f.hysterectomy.display ? ` (${f.hysterectomy.display})` : ''}`, f.hysterectomy.date);

/** Current vital signs and acute symptoms, each with its value (R2-2: the card names the finding). */
export function acuteLines(f: F): FactLine[] {
  const { heavyBleeding, pelvicPain, fever, syncope } = f.redFlags;
  const { systolicBp, heartRate } = f.vitalSigns ?? {};
  return [
    ...(heavyBleeding ? [dated('Heavy bleeding', 'yes', heavyBleeding.date)] : []),
    ...(systolicBp ? [dated('Systolic BP', `${systolicBp.value} mmHg`, systolicBp.date)] : []),
    ...(heartRate ? [dated('Heart rate', `${heartRate.value} /min`, heartRate.date)] : []),
    ...(syncope ? [dated('Syncope', 'yes', syncope.date)] : []),
    ...(pelvicPain ? [dated('Pelvic/abdominal pain', 'yes', pelvicPain.date)] : []),
    ...(fever ? [dated('Fever', fever.reason, fever.date)] : []),
  ];
}

/** The key finding in a few words for a summary: "heavy bleeding, SBP 82, HR 124", "shock index 1.1 (HR 120, SBP 110)". */
export function acuteFindingText(
  f: F,
  p: Pick<GuidelineParameters, 'unstableSystolicBelow' | 'unstableHeartRateAbove' | 'shockIndexAtLeast'>,
): string {
  const { systolicBp, heartRate } = f.vitalSigns ?? {};
  const low = systolicBp !== undefined && systolicBp.value < p.unstableSystolicBelow;
  const fast = heartRate !== undefined && heartRate.value > p.unstableHeartRateAbove;
  const heavy = Boolean(f.redFlags.heavyBleeding);
  const syncope = Boolean(f.redFlags.syncope);
  const index = systolicBp && heartRate && systolicBp.value > 0 ? heartRate.value / systolicBp.value : undefined;
  // When no two findings explain it, the shock index is the finding, with the readings behind it.
  if (!heavy && !syncope && !(low && fast) && index !== undefined && index >= p.shockIndexAtLeast) {
    return `shock index ${index.toFixed(1)} (HR ${heartRate?.value}, SBP ${systolicBp?.value})`;
  }
  const parts = [
    heavy ? 'heavy bleeding' : '',
    low ? `SBP ${systolicBp?.value}` : '',
    fast ? `HR ${heartRate?.value}` : '',
    syncope ? 'syncope' : '',
  ].filter(Boolean);
  if (parts.length === 0 && f.redFlags.unstable) {
    parts.push(f.redFlags.unstable.reason);
  }
  return parts.join(', ');
}

function menopauseBasis(f: F): string {
  switch (f.menopause.basis) {
    case 'recorded':
      return 'recorded menopausal status';
    case 'diagnosis':
      return 'menopause diagnosis';
    case 'last-menstrual-period':
      return 'last menstrual period';
    case 'assumed-from-age':
      return 'assumed from age';
    case 'age':
      return 'from age';
    case 'pregnant':
      return 'pregnant';
    default:
      return 'no last menstrual period or menopause observation';
  }
}

/** "3 days", "2 weeks", "4 months", "2 years": the unit a clinician would use for that span. */
export const duration = durationInWords;

/** "today", "yesterday", "3 days ago", "4 months ago". */
export function ago(date: string, today: string): string {
  const days = daysBetween(date, today);
  if (days <= 0) {
    return days === 0 ? 'today' : 'in the future';
  }
  return days === 1 ? 'yesterday' : `${duration(days)} ago`;
}

/** Kept for the order hooks: the span from `date` to `today` in a clinician's unit ("3 weeks"). */
export function elapsed(date: string, today: string): string {
  return duration(daysBetween(date, today));
}

/** Whole weeks since a date. */
export const weeksSince = (date: string, today: string): number => Math.floor(daysBetween(date, today) / 7);

/** A value from the record inside a rule's own sentence (summary, advice): stripped of markdown and HTML characters. */
export const recordText = (text: string): string => text.replace(/[<>[\]*_`#|\\{}]/g, '').trim();

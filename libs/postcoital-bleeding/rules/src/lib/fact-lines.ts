import type { PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import { daysBetween } from '@pcb-cds/postcoital-bleeding-facts';
import type { FactLine } from './recommendation';

// How each fact is shown to the clinician: label, value, date. One function per fact so every card
// words the same fact the same way.

type F = PostcoitalBleedingFacts;

export const ageLine = (f: F): FactLine => ({ label: 'Age', value: f.ageYears === undefined ? 'unknown (no birth date)' : `${f.ageYears} years` });

export const pcbLine = (f: F): FactLine => ({
  label: 'Postcoital bleeding',
  value: f.pcb.days === undefined ? 'recorded' : `first recorded ${f.pcb.days} days (${plural(Math.floor(f.pcb.days / 7), 'week')}) ago`,
  date: f.pcb.start,
});

export const screeningLine = (f: F): FactLine => ({
  label: 'Cervical screening',
  // The reason already names the test date.
  value: `${f.screening.currencyReason} → ${f.screening.current ? 'current' : 'not current'}`,
});

export const pregnancyLine = (f: F): FactLine => ({
  label: 'Pregnancy',
  value: f.pregnancy.status === 'yes' ? `pregnant (${f.pregnancy.basis})${gestation(f)}` : `${f.pregnancy.status === 'no' ? 'not pregnant' : 'unknown'} (${f.pregnancy.basis})`,
  date: f.pregnancy.evidenceDate ?? f.pregnancy.recentNegativeTest?.date,
});

/** ", 30 weeks (from EDD 2027-01-31)"; the GA source is left out when the pregnancy evidence was that very GA record. */
function gestation(f: F): string {
  const { gestationalAgeWeeks: weeks, gestationalAgeBasis: source, basis } = f.pregnancy;
  if (weeks === undefined) {
    return ', gestational age unknown';
  }
  return basis.startsWith('gestational age') ? `, now ${weeks} weeks` : `, ${weeks} weeks (${source})`;
}

export const menopauseLine = (f: F): FactLine => ({
  label: 'Menopausal status',
  value: `${f.menopause.status} (${menopauseBasis(f)})`,
  ...(f.menopause.basis === 'recorded' || f.menopause.basis === 'diagnosis' ? { date: f.menopause.date } : {}),
});

export const naatLine = (f: F): FactLine =>
  f.sti.lastNaat
    ? {
        label: 'Last CT/NG NAAT',
        value: `${f.sti.lastNaat.result}, ${elapsed(f.sti.lastNaat.date, f.today)} ago`,
        date: f.sti.lastNaat.date,
      }
    : { label: 'Last CT/NG NAAT', value: 'none on record' };

export const dated = (label: string, value: string, date?: string): FactLine => ({ label, value, ...(date ? { date } : {}) });

export const hysterectomyLine = (f: F): FactLine =>
  dated('Hysterectomy', `${f.hysterectomy.class}${f.hysterectomy.display ? ` (${f.hysterectomy.display})` : ''}`, f.hysterectomy.date);

function menopauseBasis(f: F): string {
  switch (f.menopause.basis) {
    case 'recorded':
      return 'recorded menopausal status';
    case 'diagnosis':
      return 'menopause diagnosis';
    case 'last-menstrual-period':
      return `last menstrual period ${f.menopause.date}`;
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

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "3 weeks", "4 months", "2.5 years": the unit a clinician would use for that span. */
export function elapsed(date: string, today: string): string {
  const days = daysBetween(date, today);
  if (days < 60) {
    return `${Math.round(days / 7)} weeks`;
  }
  if (days < 730) {
    return `${Math.round(days / 30.44)} months`;
  }
  return `${Math.round((days / 365.25) * 10) / 10} years`;
}

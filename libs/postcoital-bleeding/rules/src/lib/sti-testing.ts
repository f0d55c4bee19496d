import type { GuidelineParameters, PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import { addMonths, withinMonths } from '@pcb-cds/postcoital-bleeding-facts';
import { ago, dated, weeksSince } from './fact-lines';
import { hasRecentNegativeNaat, isPregnant } from './predicates';
import type { FactLine } from './recommendation';
import { wordsFor } from './words';

// PCB-13 (R2-6, R2-7, R2-23): who is tested for chlamydia/gonorrhoea, and when a recent result
// (negative, or positive and treated) means no test now.

type F = PostcoitalBleedingFacts;
type P = GuidelineParameters;

/** The triggers that apply, each as the fact a clinician would check. */
export function stiTriggers(f: F, p: P): FactLine[] {
  const r: FactLine[] = [];
  const g = wordsFor(p).gonorrhoea;
  if (p.stiTestAll) {
    r.push(dated('Local pathway', 'test every woman with postcoital bleeding for chlamydia before referral'));
  }
  if (f.ageYears !== undefined && f.ageYears <= p.stiYoungMaxAge) {
    r.push(dated('Age', `${f.ageYears} years (≤${p.stiYoungMaxAge})`));
  }
  if (f.sti.newPartner) {
    r.push(dated('New sexual partner', 'yes', f.sti.newPartner.date));
  }
  if (f.sti.priorSti) {
    r.push(dated('Previous sexually transmitted infection', 'yes', f.sti.priorSti.date));
  }
  for (const [flag, label] of [
    ['discharge', 'abnormal discharge'],
    // fact-encoding.md rev 2: cervicitis on examination counts with discharge.
    ['cervicitis', 'cervicitis on examination'],
    ['fever', 'fever'],
    ['pelvicPain', 'pelvic pain'],
  ] as const) {
    const d = f.redFlags[flag];
    if (d) {
      r.push(dated('Symptom', label, d.date));
    }
  }
  if (f.risks.immunocompromised) {
    r.push(dated('Immune status', f.risks.hiv ? 'living with HIV' : 'immunosuppressed', f.risks.immunocompromised.date));
  }
  const last = f.sti.lastNaat;
  const stale = !last || !withinMonths(last.date, p.stiStaleMonths, f.today);
  // R2-7: the "no test in 12 months" trigger is for women before the menopause (US); the UK tests all.
  if (stale && (p.jurisdiction === 'UK' || f.menopause.status !== 'post')) {
    r.push(dated(`Chlamydia/${g} NAAT`, `none in the last ${p.stiStaleMonths} months`, last?.date));
  }
  if (isPregnant(f) && last?.result === 'positive' && weeksSince(last.date, f.today) >= p.stiPositiveNoRetestWeeks) {
    r.push(dated(`Last chlamydia/${g} NAAT`, 'positive, no test since: test of cure in pregnancy', last.date));
  }
  return r;
}

/** Why no NAAT is needed now, as a "considered, not needed now" line; undefined when a test may be due. */
export function stiBlock(f: F, p: P): string | undefined {
  const last = f.sti.lastNaat;
  const g = wordsFor(p).gonorrhoea;
  if (!last) {
    return undefined;
  }
  if (last.result === 'negative') {
    return hasRecentNegativeNaat(f, p)
      ? `Chlamydia/${g} NAAT: negative ${ago(last.date, f.today)} (${last.date}), no new partner since — no repeat needed now.`
      : undefined;
  }
  const weeks = weeksSince(last.date, f.today);
  const newSince = [f.sti.newPartner, f.redFlags.discharge, f.redFlags.cervicitis, f.redFlags.fever, f.redFlags.pelvicPain].some(
    (d) => d && d.date > last.date,
  );
  const blocked =
    weeks < p.stiPositiveNoRetestWeeks || (withinMonths(last.date, p.stiPositiveRetestMonths, f.today) && !isPregnant(f) && !newSince);
  if (!blocked) {
    return undefined;
  }
  const organisms = f.sti.lastPositive?.organisms ?? [];
  const gonorrhoea = organisms.includes('gonorrhoea');
  const named =
    organisms
      .filter((o) => o !== 'unknown')
      .join(' and ')
      .replace('gonorrhoea', g) || `chlamydia/${g}`;
  return [
    `NAAT positive for ${named} ${ago(last.date, f.today)} (${last.date}) — no retest now: a test this soon after treatment can stay positive. `,
    `Confirm she and her partner(s) were treated; retest due ${addMonths(last.date, p.stiPositiveRetestMonths)}`,
    isPregnant(f) ? '; in pregnancy, test of cure about 4 weeks after treatment' : '',
    p.jurisdiction === 'UK' && gonorrhoea ? '; gonorrhoea: test of cure for everyone (NAAT at least 2 weeks after treatment)' : '',
    `. If the bleeding persists, re-evaluate ${p.stiBlockAfterPositiveWeeks}–${p.stiBlockUnknownTreatmentWeeks} weeks after treatment.`,
  ].join('');
}

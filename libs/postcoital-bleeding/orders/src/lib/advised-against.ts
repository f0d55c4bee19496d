import { ageLine, dated, isLatePregnancy, isPregnant, pregnancyLine, screeningLine, wordsFor } from '@pcb-cds/postcoital-bleeding-rules';
import type { OrderAdvice, RuleId } from '@pcb-cds/postcoital-bleeding-rules';
import type { GuidelineDraftOrder } from './draft-order';
import type { DraftFinding } from './draft-verdict';
import type { DraftReviewContext } from './review-context';
import { immediatePregnancyPathway, orderFrom, pregnancyPathway } from './review-context';

type Check = (ctx: DraftReviewContext) => DraftFinding | undefined;

/**
 * (c) Drafts the guideline advises against for this patient, each with what to order instead.
 * Checked first: a safety concern outranks "a rule asks for this kind of order".
 */
export function advisedAgainst(draft: GuidelineDraftOrder, ctx: DraftReviewContext): DraftFinding | undefined {
  const checks = CHECKS[draft.kind] ?? [];
  for (const check of checks) {
    const finding = check(ctx);
    if (finding) {
      return finding;
    }
  }
  return undefined;
}

/**
 * PCB-16 (ASCCP colposcopy standards [S7]): in pregnancy colposcopy is still indicated, but ECC is
 * unacceptable. Colposcopy is offered instead only when a rule asks for it for this patient (PCB-16,
 * PCB-17 or PCB-44 fired, R2-14); otherwise the ECC is simply removed.
 */
const eccInPregnancy: Check = (ctx) => {
  if (!isPregnant(ctx.facts)) {
    return undefined;
  }
  const colposcopy = orderFrom(ctx, COLPOSCOPY_RULES, 'colposcopy');
  return {
    concern: 'ecc-in-pregnancy',
    ruleIds: ['PCB-16'],
    advice: colposcopy
      ? 'Endocervical curettage is unacceptable in pregnancy. Colposcopy (with directed biopsy as indicated) is still indicated, without ECC.'
      : 'Endocervical curettage is unacceptable in pregnancy. Nothing on record calls for colposcopy now; if the cervix looks abnormal, colposcopy is done without ECC.',
    because: [pregnancyLine(ctx.facts)],
    replacement: optional(colposcopy),
    ...emergencyOf(ctx),
  };
};

/**
 * PCB-16 (endometrial sampling unacceptable in pregnancy) with the pregnancy pathway that fired
 * (PCB-30/31/32/34): bleeding in pregnancy is assessed obstetrically, the uterus is not sampled. The
 * replacement is the pathway's own assessment order; in an emergency the emergency card carries it.
 */
const endometrialSamplingInPregnancy: Check = (ctx) => {
  if (!isPregnant(ctx.facts)) {
    return undefined;
  }
  const pathway = pregnancyPathway(ctx);
  const emergency = immediatePregnancyPathway(ctx);
  const [assessment] = pathway?.orders ?? [];
  return {
    concern: 'endometrial-sampling-in-pregnancy',
    ruleIds: ['PCB-16', ...(pathway ? [pathway.ruleId] : [])],
    advice: emergency
      ? `Endometrial sampling is unacceptable in pregnancy. ${emergency.summary}.`
      : 'Endometrial sampling is unacceptable in pregnancy (it can disrupt the pregnancy). Bleeding in pregnancy needs obstetric assessment instead.',
    because: [pregnancyLine(ctx.facts)],
    replacement: emergency ? [] : optional(assessment),
    ...emergencyOf(ctx),
  };
};

/**
 * No digital vaginal (bimanual) examination in pregnancy while the placenta may be low:
 * - known placenta praevia (R2-17): never, at any gestation (PCB-32/34);
 * - ≥20 weeks (AAFP 2007 [S16], RCOG [S27]): not until ultrasound has excluded placenta/vasa praevia (PCB-32);
 *   in an antepartum-haemorrhage emergency (PCB-34) the emergency card leads and ultrasound must not
 *   delay resuscitation or delivery, so no "ultrasound first";
 * - gestation unknown (R2-4, R2-31): not until gestation and placental site are known (PCB-30/31).
 * The replacement is the obstetric ultrasound the fired pathway asks for, if it does.
 */
const digitalExamInPregnancy: Check = (ctx) => {
  const f = ctx.facts;
  if (!isPregnant(f)) {
    return undefined;
  }
  const pathway = pregnancyPathway(ctx);
  const emergency = immediatePregnancyPathway(ctx);
  const pathwayIds = (fallback: RuleId): RuleId[] => [pathway?.ruleId ?? fallback];
  const praevia = f.pregnancy.placentaPraevia;
  const w = wordsFor(ctx.parameters);
  const weeks = f.pregnancy.gestationalAgeWeeks;
  const ultrasound = emergency || !pathway ? undefined : orderFrom(ctx, [pathway.ruleId], 'obstetric-ultrasound');
  const inEmergency = emergency ? ` ${emergency.summary}; ultrasound must not delay resuscitation or delivery.` : '';
  if (praevia) {
    return {
      concern: 'digital-exam-known-praevia',
      ruleIds: pathwayIds('PCB-32'),
      advice: `Known placenta ${w.praevia}: no digital vaginal or bimanual examination at any gestation; a sterile speculum examination only if needed.${inEmergency}`,
      because: [pregnancyLine(f), dated(`Placenta ${w.praevia}`, praevia.display ?? 'recorded', praevia.date)],
      replacement: [],
      ...emergencyOf(ctx),
    };
  }
  if (isLatePregnancy(f, ctx.parameters)) {
    return {
      concern: 'digital-exam-before-placenta-known',
      ruleIds: pathwayIds('PCB-32'),
      advice: emergency
        ? `No digital vaginal or bimanual examination at ${weeks} weeks.${inEmergency}`
        : `No digital vaginal or bimanual examination at ${weeks} weeks until ultrasound has excluded placenta or vasa ${w.praevia}; a sterile speculum examination is acceptable. Obtain the obstetric ultrasound (placental location) first.`,
      because: [pregnancyLine(f)],
      replacement: optional(ultrasound),
      ...emergencyOf(ctx),
    };
  }
  if (weeks === undefined && !f.pregnancy.ofConcern) {
    return {
      concern: 'digital-exam-gestation-unknown',
      ruleIds: pathwayIds('PCB-30'),
      advice: `Gestational age is unknown: no digital vaginal or bimanual examination until gestation and placental site are known (ultrasound); a sterile speculum examination is acceptable. From ${ctx.parameters.obTriageWeeks} weeks no digital examination until placenta ${w.praevia} is excluded.${inEmergency}`,
      because: [pregnancyLine(f)],
      replacement: optional(ultrasound),
      ...emergencyOf(ctx),
    };
  }
  return undefined;
};

/** PCB-12: no cytology/HPV under the screening age; exam, NAAT (the replacement, when PCB-13 asks for it) and hCG instead. */
const underScreeningAge: Check = (ctx) => {
  const { facts: f, parameters: p } = ctx;
  if (!f.hasCervix || f.ageYears === undefined || f.ageYears >= p.screenMinAge) {
    return undefined;
  }
  return {
    concern: 'under-screening-age',
    ruleIds: ['PCB-12'],
    advice: `No cervical cytology or HPV test under ${p.screenMinAge}: cervical cancer is unlikely and the result would not change management. Examine (speculum and bimanual), test for chlamydia and ${wordsFor(p).gonorrhoea} and do a pregnancy test instead; a suspicious cervix goes to colposcopy, not cytology.`,
    because: [ageLine(f)],
    replacement: optional(orderFrom(ctx, ['PCB-13'], 'ct-ng-naat')),
  };
};

/** PCB-16: a result at the colposcopy threshold with no colposcopy since is managed by colposcopy, not by repeating the test. */
const abnormalResultAwaitingColposcopy: Check = (ctx) => {
  const abnormal = ctx.facts.screening.unmanagedAbnormal;
  if (!ctx.facts.hasCervix || !abnormal) {
    return undefined;
  }
  const result = [abnormal.cytology && `cytology ${abnormal.cytology}`, abnormal.hpv && `HPV ${abnormal.hpv}`].filter(Boolean).join(' + ');
  return {
    concern: 'abnormal-result-needs-colposcopy',
    ruleIds: ['PCB-16'],
    advice: `${result} on ${abnormal.date} meets the ASCCP colposcopy threshold and no colposcopy has followed: refer for colposcopy rather than repeating cervical testing, which would only delay it.`,
    because: [dated('Abnormal result', result, abnormal.date), dated('Colposcopy since', 'none on record')],
    replacement: optional(orderFrom(ctx, ['PCB-16'], 'colposcopy')),
  };
};

/**
 * PCB-11 (US): hrHPV is added to cytology (cotest) only from `hpvFromAge`; below it, cytology alone.
 * Not after CIN2+: that surveillance is HPV-based at any age (PCB-44). Not in the UK, where the HPV
 * sample is the programme's primary test.
 */
const hpvUnderCotestAge: Check = (ctx) => {
  const { facts: f, parameters: p } = ctx;
  const age = f.ageYears;
  if (
    p.jurisdiction !== 'US' ||
    !f.hasCervix ||
    f.risks.cin2PlusHistory ||
    age === undefined ||
    age < p.screenMinAge ||
    age >= p.hpvFromAge
  ) {
    return undefined;
  }
  return {
    concern: 'hpv-under-cotest-age',
    ruleIds: ['PCB-11'],
    advice: `hrHPV testing is added to cytology (cotest) from age ${p.hpvFromAge}; at ${f.ageYears} screen with cytology alone${f.screening.current ? ' (and screening is current)' : ''}.`,
    because: [ageLine(f), screeningLine(f)],
    replacement: optional(orderFrom(ctx, ['PCB-11'], 'cervical-cytology')),
  };
};

const optional = (order: OrderAdvice | undefined): OrderAdvice[] => (order ? [order] : []);

/** The rules that ask for colposcopy (R2-14: no colposcopy replacement unless one of them fired). */
const COLPOSCOPY_RULES = ['PCB-17', 'PCB-16', 'PCB-44'] as const;

/** `{ emergency }` when the draft's pregnancy is an emergency now, else nothing. */
const emergencyOf = (ctx: DraftReviewContext): Pick<DraftFinding, 'emergency'> => {
  const emergency = immediatePregnancyPathway(ctx);
  return emergency ? { emergency } : {};
};

/** Which checks apply to which draft kind, most important first. */
const CHECKS: Partial<Record<GuidelineDraftOrder['kind'], readonly Check[]>> = {
  'endocervical-curettage': [eccInPregnancy],
  'endometrial-biopsy': [endometrialSamplingInPregnancy],
  'bimanual-pelvic-examination': [digitalExamInPregnancy],
  'cervical-cytology': [underScreeningAge, abnormalResultAwaitingColposcopy],
  'hpv-test': [underScreeningAge, abnormalResultAwaitingColposcopy, hpvUnderCotestAge],
};

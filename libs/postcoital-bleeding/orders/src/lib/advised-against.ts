import { ageLine, dated, isLatePregnancy, isPregnant, pregnancyLine, screeningLine } from '@pcb-cds/postcoital-bleeding-rules';
import type { OrderAdvice } from '@pcb-cds/postcoital-bleeding-rules';
import type { GuidelineDraftOrder } from './draft-order';
import type { DraftFinding } from './draft-verdict';
import type { DraftReviewContext } from './review-context';
import { orderFrom, pregnancyPathway } from './review-context';

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
 * unacceptable → colposcopy without ECC.
 */
const eccInPregnancy: Check = (ctx) =>
  isPregnant(ctx.facts)
    ? {
        concern: 'ecc-in-pregnancy',
        ruleIds: ['PCB-16'],
        advice:
          'Endocervical curettage is unacceptable in pregnancy. If the cervix needs evaluating, colposcopy (with directed biopsy as indicated) is still indicated, without ECC.',
        because: [pregnancyLine(ctx.facts)],
        replacement: [
          orderFrom(ctx, ['PCB-17', 'PCB-16', 'PCB-44'], 'colposcopy') ?? {
            kind: 'colposcopy',
            priority: 'routine',
            reason: 'cervical evaluation in pregnancy, without endocervical curettage',
          },
        ],
      }
    : undefined;

/**
 * PCB-16 (endometrial sampling unacceptable in pregnancy) with the pregnancy pathway that fired
 * (PCB-30/31/32): bleeding in pregnancy is assessed obstetrically, the uterus is not sampled.
 */
const endometrialSamplingInPregnancy: Check = (ctx) => {
  if (!isPregnant(ctx.facts)) {
    return undefined;
  }
  const pathway = pregnancyPathway(ctx);
  const [assessment] = pathway?.orders ?? [];
  return {
    concern: 'endometrial-sampling-in-pregnancy',
    ruleIds: ['PCB-16', ...(pathway ? [pathway.ruleId] : [])],
    advice:
      'Endometrial sampling is unacceptable in pregnancy (it can disrupt the pregnancy). Bleeding in pregnancy needs obstetric assessment instead.',
    because: [pregnancyLine(ctx.facts)],
    replacement: [assessment ?? { kind: 'obstetrics-referral', priority: 'urgent', reason: 'bleeding in pregnancy' }],
  };
};

/**
 * PCB-32 (AAFP 2007 [S16], RCOG [S27]): at ≥20 weeks no digital vaginal examination until ultrasound has
 * excluded placenta/vasa praevia. The fact model has no placental-location fact, so every bimanual draft
 * at ≥20 weeks is flagged; a clinician who has the scan overrides.
 * PCB-30: with gestation unknown, establish it before any digital examination.
 */
const digitalExamInPregnancy: Check = (ctx) => {
  const f = ctx.facts;
  if (isLatePregnancy(f, ctx.parameters)) {
    return {
      concern: 'digital-exam-before-placenta-known',
      ruleIds: ['PCB-32'],
      advice: `No digital vaginal or bimanual examination at ${f.pregnancy.gestationalAgeWeeks} weeks until ultrasound has excluded placenta or vasa praevia; a sterile speculum examination is acceptable. Obtain the obstetric ultrasound (placental location) first.`,
      because: [pregnancyLine(f)],
      replacement: [
        orderFrom(ctx, ['PCB-32'], 'obstetric-ultrasound') ?? {
          kind: 'obstetric-ultrasound',
          priority: 'stat',
          reason: 'placental location before any digital examination',
        },
      ],
    };
  }
  if (isPregnant(f) && f.pregnancy.gestationalAgeWeeks === undefined) {
    return {
      concern: 'digital-exam-gestation-unknown',
      ruleIds: ['PCB-30'],
      advice: `Gestational age is unknown: establish it by ultrasound before any digital vaginal examination. From ${ctx.parameters.obTriageWeeks} weeks no digital examination until placenta praevia is excluded.`,
      because: [pregnancyLine(f)],
      replacement: [
        orderFrom(ctx, ['PCB-30'], 'obstetric-ultrasound') ?? {
          kind: 'obstetric-ultrasound',
          priority: 'urgent',
          reason: 'establish gestational age before any digital examination',
        },
      ],
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
    advice: `No cervical cytology or HPV test under ${p.screenMinAge}: cervical cancer is unlikely and the result would not change management. Examine (speculum and bimanual), test for chlamydia and gonorrhoea and do a pregnancy test instead; a suspicious cervix goes to colposcopy, not cytology.`,
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
  if (p.jurisdiction !== 'US' || !f.hasCervix || f.risks.cin2PlusHistory || age === undefined || age < p.screenMinAge || age >= p.hpvFromAge) {
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

/** Which checks apply to which draft kind, most important first. */
const CHECKS: Partial<Record<GuidelineDraftOrder['kind'], readonly Check[]>> = {
  'endocervical-curettage': [eccInPregnancy],
  'endometrial-biopsy': [endometrialSamplingInPregnancy],
  'bimanual-pelvic-examination': [digitalExamInPregnancy],
  'cervical-cytology': [underScreeningAge, abnormalResultAwaitingColposcopy],
  'hpv-test': [underScreeningAge, abnormalResultAwaitingColposcopy, hpvUnderCotestAge],
};

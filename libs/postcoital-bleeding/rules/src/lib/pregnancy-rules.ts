import { dated, pregnancyLine } from './fact-lines';
import {
  isEarlyOrUndatedPregnancy,
  isHeavyOrUnstable,
  isLatePregnancy,
  isPregnant,
} from './predicates';
import type { FactLine } from './recommendation';
import type { Rule } from './rule';

/** §2 pregnancy rules PCB-30…33. */
export const pregnancyRules: Rule[] = [
  {
    id: 'PCB-30',
    urgencies: ['urgent'],
    parameters: ['obTriageWeeks'],
    evaluate: (f, p) =>
      isEarlyOrUndatedPregnancy(f, p) &&
      !isHeavyOrUnstable(f) &&
      !f.redFlags.pelvicPain
        ? {
            ruleId: 'PCB-30',
            urgency: 'urgent',
            advice: `Notify the prenatal provider; same/next-day assessment: confirm intrauterine pregnancy and viability by ultrasound if not documented, sterile speculum, CT/NG NAAT, Rh type.${f.pregnancy.gestationalAgeWeeks === undefined ? ' Gestational age unknown: establish it before any digital examination.' : ''}`,
            orders: [
              {
                kind: 'obstetrics-referral',
                priority: 'urgent',
                reason: 'bleeding in pregnancy before 20 weeks',
              },
              {
                kind: 'obstetric-ultrasound',
                priority: 'urgent',
                reason: 'confirm intrauterine pregnancy and viability',
              },
            ],
            because: [pregnancyLine(f)],
            variant: p.jurisdiction === 'UK' ? 'UK' : undefined,
          }
        : undefined,
  },
  {
    id: 'PCB-31',
    urgencies: ['emergency'],
    parameters: [
      'obTriageWeeks',
      'acuteSymptomDays',
      'unstableSystolicBelow',
      'unstableHeartRateAbove',
    ],
    evaluate: (f, p) => {
      if (
        !isEarlyOrUndatedPregnancy(f, p) ||
        (!isHeavyOrUnstable(f) && !f.redFlags.pelvicPain)
      ) {
        return undefined;
      }
      return {
        ruleId: 'PCB-31',
        urgency: 'emergency',
        advice:
          'Emergency same-day assessment (ED / early pregnancy unit): exclude ectopic pregnancy, miscarriage and haemorrhage; transvaginal ultrasound, quantitative hCG, CBC, type & screen; anti-D per Rh status.',
        orders: [
          {
            kind: 'emergency-referral',
            priority: 'stat',
            reason:
              'bleeding in early pregnancy with pain, heavy bleeding or instability',
          },
          {
            kind: 'serum-quantitative-hcg',
            priority: 'stat',
            reason: 'exclude ectopic pregnancy',
          },
        ],
        because: [pregnancyLine(f), ...acuteFlags(f)],
      };
    },
  },
  {
    id: 'PCB-32',
    urgencies: ['emergency'],
    parameters: ['obTriageWeeks'],
    evaluate: (f, p) =>
      isLatePregnancy(f, p)
        ? {
            ruleId: 'PCB-32',
            urgency: 'emergency',
            advice: `Same-day obstetric (labour & delivery) triage. NO digital vaginal examination until ultrasound has excluded placenta/vasa praevia; sterile speculum is acceptable. Maternal haemodynamics, fetal assessment, placental location, Rh status.`,
            orders: [
              {
                kind: 'obstetrics-referral',
                priority: 'stat',
                reason: `bleeding in pregnancy at ≥${p.obTriageWeeks} weeks`,
              },
              {
                kind: 'obstetric-ultrasound',
                priority: 'stat',
                reason: 'placental location before any digital examination',
              },
            ],
            because: [pregnancyLine(f), ...acuteFlags(f)],
            variant: p.jurisdiction === 'UK' ? 'UK' : undefined,
          }
        : undefined,
  },
  {
    id: 'PCB-33',
    urgencies: ['soon'],
    parameters: ['rhigWeeks'],
    evaluate: (f, p) => {
      if (!isPregnant(f) || f.rhD === 'positive') {
        return undefined;
      }
      const ga = f.pregnancy.gestationalAgeWeeks;
      const antiDIndicated =
        f.rhD === 'negative' && (ga === undefined || ga >= p.rhigWeeks);
      return {
        ruleId: 'PCB-33',
        urgency: 'soon',
        indicatorOverride: antiDIndicated ? 'warning' : 'info',
        advice:
          f.rhD === 'unknown'
            ? 'RhD type unknown: type and antibody screen now; if RhD-negative and unsensitised at ≥12 weeks (or gestation unknown), give anti-D immune globulin.'
            : antiDIndicated
              ? 'RhD-negative at ≥12 weeks (or gestation unknown): anti-D immune globulin per sensitising-event guidance if unsensitised.'
              : 'RhD-negative before 12 weeks: anti-D may be forgone (shared decision).',
        orders:
          f.rhD === 'unknown'
            ? [
                {
                  kind: 'rh-type-and-screen',
                  priority: 'urgent',
                  reason: 'RhD type unknown in pregnancy with bleeding',
                },
              ]
            : [],
        because: [pregnancyLine(f), dated('RhD type', f.rhD, f.rhDDate)],
        variant: p.jurisdiction === 'UK' ? 'UK' : undefined,
      };
    },
  },
];

function acuteFlags(f: Parameters<Rule['evaluate']>[0]): FactLine[] {
  const { heavyBleeding, pelvicPain, unstable, syncope } = f.redFlags;
  return [
    ...(heavyBleeding
      ? [dated('Heavy bleeding', 'yes', heavyBleeding.date)]
      : []),
    ...(pelvicPain ? [dated('Pelvic pain', 'yes', pelvicPain.date)] : []),
    ...(unstable
      ? [dated('Haemodynamics', unstable.reason, unstable.date)]
      : []),
    ...(syncope ? [dated('Syncope', 'yes', syncope.date)] : []),
  ];
}

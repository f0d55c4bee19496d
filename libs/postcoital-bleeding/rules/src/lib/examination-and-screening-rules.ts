import { ageLine, pcbLine, screeningLine } from './fact-lines';
import { ageOrAdult, inScreeningAgeBand, isLatePregnancy } from './predicates';
import type { OrderAdvice } from './recommendation';
import type { Rule } from './rule';

/** §2 core rules PCB-10…12: examination, cervical screening, and the under-age exception. */
export const examinationAndScreeningRules: Rule[] = [
  {
    id: 'PCB-10',
    urgencies: ['routine'],
    parameters: ['obTriageWeeks'],
    evaluate: (f, p) =>
      isLatePregnancy(f, p)
        ? undefined
        : {
            ruleId: 'PCB-10',
            urgency: 'routine',
            advice:
              'Take a focused history and examine with speculum and bimanual examination, visualising vulva, vagina and cervix; record findings as Observations (they drive the lesion and benign-finding advice).',
            orders: [],
            because: [pcbLine(f), ageLine(f)],
            variant: p.jurisdiction === 'UK' ? 'UK' : undefined,
          },
  },
  {
    id: 'PCB-11',
    urgencies: ['routine'],
    parameters: [
      'screenMinAge',
      'screenMaxAge',
      'hpvFromAge',
      'cytologyIntervalMonths',
      'hpvIntervalMonths',
      'diagnosticCytologyWhenNotDue',
    ],
    evaluate: (f, p) => {
      const due =
        !f.screening.current ||
        (p.jurisdiction === 'US' && p.diagnosticCytologyWhenNotDue);
      if (
        !f.hasCervix ||
        !inScreeningAgeBand(f, p) ||
        isLatePregnancy(f, p) ||
        f.screening.unmanagedAbnormal ||
        !due
      ) {
        return undefined;
      }
      const age = ageOrAdult(f, p);
      const orders: OrderAdvice[] =
        p.jurisdiction === 'UK'
          ? [
              {
                kind: 'hpv-test',
                priority: 'routine',
                reason:
                  'NHS cervical screening (HPV primary, reflex cytology): due or overdue',
              },
            ]
          : [
              {
                kind: 'cervical-cytology',
                priority: 'routine',
                reason: 'cervical screening not current',
              },
              ...(age >= p.hpvFromAge
                ? [
                    {
                      kind: 'hpv-test' as const,
                      priority: 'routine' as const,
                      reason: `cotest: hrHPV with cytology from age ${p.hpvFromAge}`,
                    },
                  ]
                : []),
            ];
      return {
        ruleId: 'PCB-11',
        urgency: 'routine',
        advice:
          p.jurisdiction === 'UK'
            ? 'Cervical screening is due or overdue: take the NHS programme sample (HPV primary with reflex cytology). Screening is not a diagnostic test: an abnormal-looking cervix needs referral whatever the result.'
            : `Collect cervical cytology now${age >= p.hpvFromAge ? ' with hrHPV (cotest)' : ''}. Pregnancy is no contraindication. A normal result must not delay referral if the cervix looks abnormal.`,
        orders,
        because: [ageLine(f), screeningLine(f)],
        variant: p.jurisdiction === 'UK' ? 'UK' : undefined,
      };
    },
  },
  {
    id: 'PCB-12',
    urgencies: ['routine'],
    parameters: ['screenMinAge'],
    evaluate: (f, p) =>
      f.hasCervix && f.ageYears !== undefined && f.ageYears < p.screenMinAge
        ? {
            ruleId: 'PCB-12',
            urgency: 'routine',
            advice: `No cytology or HPV test under ${p.screenMinAge}: cervical cancer is unlikely. Examination, CT/NG NAAT and a pregnancy test are still required; a suspicious cervix goes to colposcopy, not cytology.`,
            orders: [],
            because: [ageLine(f)],
            variant: p.jurisdiction === 'UK' ? 'UK' : undefined,
          }
        : undefined,
  },
];

import {
  ageLine,
  dated,
  hysterectomyLine,
  menopauseLine,
  pregnancyLine,
} from './fact-lines';
import { inScreeningAgeBand, isPregnant } from './predicates';
import type { Rule } from './rule';

/** §2 data-quality rules PCB-01…04: the record contradicts itself or lacks what the rules need. */
export const dataQualityRules: Rule[] = [
  {
    id: 'PCB-01',
    urgencies: ['routine'],
    parameters: ['postPregnancyWeeks'],
    evaluate: (f, p) => {
      if (!f.pregnancy.conflict || !f.pregnancy.ended) {
        return undefined;
      }
      const recent = f.pregnancy.ended.weeksSince <= p.postPregnancyWeeks;
      return {
        ruleId: 'PCB-01',
        urgency: 'routine',
        advice: recent
          ? `Pregnancy ended ${f.pregnancy.ended.weeksSince} weeks ago: bleeding may be post-partum or post-loss; involve the obstetric provider. Confirm and update the pregnancy status.`
          : `Treated as not pregnant (pregnancy ended ${f.pregnancy.ended.weeksSince} weeks ago). Confirm and update the pregnancy status.`,
        orders: recent
          ? [
              {
                kind: 'obstetrics-referral',
                priority: 'urgent',
                reason: 'bleeding within 6 weeks of a pregnancy ending',
              },
            ]
          : [],
        because: [
          pregnancyLine(f),
          dated(
            'Pregnancy ended',
            `${f.pregnancy.ended.weeksSince} weeks ago`,
            f.pregnancy.ended.date,
          ),
        ],
        variant: recent ? 'ended-recently' : undefined,
      };
    },
  },
  {
    id: 'PCB-02',
    urgencies: ['routine'],
    parameters: [
      'menopauseUnknownFromAge',
      'assumePostmenopausalAge',
      'amenorrhoeaMonths',
      'amenorrhoeaMinAge',
    ],
    evaluate: (f) =>
      f.hasCorpus && !isPregnant(f) && f.menopause.status === 'unknown'
        ? {
            ruleId: 'PCB-02',
            urgency: 'routine',
            advice:
              'Record the last menstrual period and menopausal status. If amenorrhoeic for 12 months or more after 45, manage as postmenopausal bleeding. Until clarified, do not dismiss an endometrial source.',
            orders: [],
            because: [ageLine(f), menopauseLine(f)],
          }
        : undefined,
  },
  {
    id: 'PCB-03',
    urgencies: ['routine'],
    parameters: ['screenMinAge', 'screenMaxAge'],
    evaluate: (f, p) =>
      f.hasCervix && inScreeningAgeBand(f, p) && !f.screening.anyResult
        ? {
            ruleId: 'PCB-03',
            urgency: 'routine',
            advice:
              'No cervical cytology or HPV result anywhere in the record: treat screening as not current and request outside records ("when was your last Pap?").',
            orders: [],
            because: [
              ageLine(f),
              dated(
                'Cervical screening',
                'no cytology or HPV result on record',
              ),
            ],
          }
        : undefined,
  },
  {
    id: 'PCB-04',
    urgencies: ['routine'],
    parameters: [],
    evaluate: (f) =>
      f.hysterectomy.ambiguity
        ? {
            ruleId: 'PCB-04',
            urgency: 'routine',
            advice:
              f.hysterectomy.ambiguity === 'result-after-total'
                ? 'A cervical result is dated after a total hysterectomy: confirm whether the cervix was removed (operation note or exam). Meanwhile the cervix is treated as present and the uterus as absent.'
                : 'The hysterectomy code does not say whether the cervix was removed: confirm (operation note or exam). Meanwhile the cervix is treated as present and the uterus as absent.',
            orders: [],
            because: [hysterectomyLine(f)],
            variant: f.hysterectomy.ambiguity,
          }
        : undefined,
  },
];

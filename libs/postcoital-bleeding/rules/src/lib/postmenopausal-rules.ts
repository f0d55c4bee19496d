import { ageLine, dated, menopauseLine, pcbLine } from './fact-lines';
import { ageOrAdult, isPregnant } from './predicates';
import type { Rule } from './rule';

/** §2 postmenopausal and endometrial rules PCB-20…25. */
export const postmenopausalRules: Rule[] = [
  {
    id: 'PCB-20',
    urgencies: ['urgent'],
    parameters: ['endometrialThicknessMm', 'endometrialThicknessRecentDays'],
    evaluate: (f, p) => {
      const et = f.endometrialThickness;
      const reassuringScan = et && et.mm <= p.endometrialThicknessMm;
      if (
        f.menopause.status !== 'post' ||
        !f.hasCorpus ||
        f.risks.tamoxifen ||
        reassuringScan
      ) {
        return undefined;
      }
      const uk = p.jurisdiction === 'UK';
      const age = ageOrAdult(f, p);
      return {
        ruleId: 'PCB-20',
        urgency: 'urgent',
        advice: uk
          ? `Postcoital bleeding after the menopause is postmenopausal bleeding: ${age >= 55 ? 'suspected-cancer pathway (2-week-wait) referral' : 'consider a suspected-cancer pathway (2-week-wait) referral'}; examine for atrophy and cervical/vaginal lesions.`
          : `Manage as postmenopausal bleeding: prompt transvaginal ultrasound (endometrial thickness ≤${p.endometrialThicknessMm} mm has >99% NPV) or office endometrial biopsy; examine for atrophy and cervical/vaginal lesions.`,
        orders: uk
          ? [
              {
                kind: 'gynecology-referral',
                priority: 'urgent',
                reason: 'postmenopausal bleeding: suspected-cancer pathway',
              },
            ]
          : [
              {
                kind: 'transvaginal-ultrasound',
                priority: 'urgent',
                reason: 'postmenopausal bleeding: endometrial thickness',
              },
              {
                kind: 'endometrial-biopsy',
                priority: 'urgent',
                reason: 'postmenopausal bleeding: alternative to ultrasound',
              },
            ],
        because: [
          menopauseLine(f),
          ageLine(f),
          ...(et
            ? [dated('Endometrial thickness', `${et.mm} mm`, et.date)]
            : []),
        ],
        variant: uk ? 'UK' : undefined,
      };
    },
  },
  {
    id: 'PCB-21',
    urgencies: ['soon'],
    parameters: ['endometrialThicknessMm', 'persistWeeks', 'persistWeeksOlder'],
    evaluate: (f, p) => {
      const et = f.endometrialThickness;
      if (f.menopause.status !== 'post' || !f.hasCorpus || !et) {
        return undefined;
      }
      const thick = et.mm > p.endometrialThicknessMm;
      const persistDays =
        (ageOrAdult(f, p) >= p.persistOlderFromAge
          ? p.persistWeeksOlder
          : p.persistWeeks) * 7;
      const persisting =
        !thick && f.pcb.days !== undefined && f.pcb.days >= persistDays;
      if (!thick && !persisting) {
        return undefined;
      }
      return {
        ruleId: 'PCB-21',
        urgency: 'soon',
        advice: thick
          ? `Endometrial thickness ${et.mm} mm (> ${p.endometrialThicknessMm} mm): endometrial sampling.`
          : 'Bleeding persists after a thin endometrium: endometrial sampling; after benign blind sampling, hysteroscopy with D&C (or sonohysterography).',
        orders: [
          {
            kind: 'endometrial-biopsy',
            priority: 'routine',
            reason: thick
              ? `endometrial thickness ${et.mm} mm`
              : 'persistent postmenopausal bleeding',
          },
        ],
        because: [
          dated('Endometrial thickness', `${et.mm} mm`, et.date),
          ...(persisting ? [pcbLine(f)] : []),
        ],
        variant: thick ? undefined : 'persisting',
      };
    },
  },
  {
    id: 'PCB-22',
    urgencies: ['routine'],
    parameters: [],
    evaluate: (f, p) =>
      f.menopause.status === 'post' && f.risks.systemicHrt
        ? {
            ruleId: 'PCB-22',
            urgency: 'routine',
            advice: `Systemic HRT does not explain postcoital bleeding: still evaluate as postmenopausal bleeding. Review the regimen (sequential vs continuous combined) and its start date.${p.jurisdiction === 'UK' ? ' Unscheduled bleeding in the first 3 months of HRT → routine review; after 3 months → prompt review (NG23).' : ''}`,
            orders: [],
            because: [
              dated(
                'Systemic HRT',
                f.risks.systemicHrt.display ?? 'active',
                f.risks.systemicHrt.date,
              ),
              menopauseLine(f),
            ],
            variant: p.jurisdiction === 'UK' ? 'UK' : undefined,
          }
        : undefined,
  },
  {
    id: 'PCB-23',
    urgencies: ['urgent'],
    parameters: [],
    evaluate: (f) =>
      f.menopause.status === 'post' && f.hasCorpus && f.risks.tamoxifen
        ? {
            ruleId: 'PCB-23',
            urgency: 'urgent',
            advice:
              'Postmenopausal bleeding on tamoxifen must be investigated: endometrial sampling (office biopsy or hysteroscopy) preferred; a thin endometrium on ultrasound alone does not end the work-up; inform oncology.',
            orders: [
              {
                kind: 'endometrial-biopsy',
                priority: 'urgent',
                reason: 'postmenopausal bleeding on tamoxifen',
              },
            ],
            because: [
              dated('Tamoxifen', 'active', f.risks.tamoxifen.date),
              menopauseLine(f),
            ],
          }
        : undefined,
  },
  {
    id: 'PCB-24',
    urgencies: ['routine'],
    parameters: [],
    evaluate: (f) =>
      f.risks.tamoxifen &&
      (f.menopause.status === 'pre' || f.menopause.status === 'peri')
        ? {
            ruleId: 'PCB-24',
            urgency: 'routine',
            advice:
              'Premenopausal on tamoxifen: no increased uterine-cancer risk and no extra endometrial surveillance; standard PCB work-up.',
            orders: [],
            because: [
              dated('Tamoxifen', 'active', f.risks.tamoxifen.date),
              menopauseLine(f),
            ],
          }
        : undefined,
  },
  {
    id: 'PCB-25',
    urgencies: ['soon'],
    parameters: [],
    evaluate: (f) =>
      f.hasCorpus &&
      f.menopause.status !== 'post' &&
      !isPregnant(f) &&
      f.ageYears !== undefined &&
      f.ageYears >= 45 &&
      f.redFlags.intermenstrualBleeding
        ? {
            ruleId: 'PCB-25',
            urgency: 'soon',
            advice:
              'Intermenstrual bleeding at 45 or older: consider endometrial sampling ± transvaginal ultrasound.',
            orders: [
              {
                kind: 'endometrial-biopsy',
                priority: 'routine',
                reason: 'irregular bleeding at age ≥45',
              },
              {
                kind: 'transvaginal-ultrasound',
                priority: 'routine',
                reason: 'irregular bleeding at age ≥45',
              },
            ],
            because: [
              ageLine(f),
              dated(
                'Intermenstrual bleeding',
                'yes',
                f.redFlags.intermenstrualBleeding.date,
              ),
            ],
          }
        : undefined,
  },
];

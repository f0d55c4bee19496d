import { dated } from './fact-lines';
import { isHeavyOrUnstable, isPregnant } from './predicates';
import type { FactLine } from './recommendation';
import type { Rule } from './rule';

/** §2 red flags PCB-50…53. */
export const redFlagRules: Rule[] = [
  {
    id: 'PCB-50',
    urgencies: ['emergency'],
    parameters: [
      'acuteSymptomDays',
      'vitalSignsDays',
      'unstableSystolicBelow',
      'unstableHeartRateAbove',
    ],
    evaluate: (f) => {
      if (isPregnant(f) || !isHeavyOrUnstable(f)) {
        return undefined;
      }
      const { heavyBleeding, unstable, syncope } = f.redFlags;
      const because: FactLine[] = [
        ...(heavyBleeding
          ? [dated('Heavy bleeding', 'yes', heavyBleeding.date)]
          : []),
        ...(unstable
          ? [dated('Haemodynamics', unstable.reason, unstable.date)]
          : []),
        ...(syncope ? [dated('Syncope', 'yes', syncope.date)] : []),
      ];
      return {
        ruleId: 'PCB-50',
        urgency: 'emergency',
        advice: `Emergency same-day: ABCs, CBC, type & screen, quantitative hCG${f.risks.anticoagulant ? ', coagulation studies (anticoagulated)' : ''}; identify the source (cervical tumour, laceration).`,
        orders: [
          {
            kind: 'emergency-referral',
            priority: 'stat',
            reason: 'heavy bleeding or haemodynamic instability',
          },
          ...(f.hasCorpus
            ? [
                {
                  kind: 'serum-quantitative-hcg' as const,
                  priority: 'stat' as const,
                  reason: 'exclude pregnancy in acute bleeding',
                },
              ]
            : []),
        ],
        because,
      };
    },
  },
  {
    id: 'PCB-51',
    urgencies: ['urgent'],
    parameters: ['acuteSymptomDays', 'feverCelsius'],
    evaluate: (f) => {
      const { fever, pelvicPain } = f.redFlags;
      if (isPregnant(f) || (!fever && !pelvicPain)) {
        return undefined;
      }
      return {
        ruleId: 'PCB-51',
        urgency: 'urgent',
        advice:
          'Same-day evaluation for cervicitis/PID/tubo-ovarian abscess: bimanual examination (cervical motion or adnexal tenderness), CT/NG/TV NAAT, hCG; empiric PID treatment per CDC criteria.',
        orders: [
          {
            kind: 'ct-ng-naat',
            priority: 'urgent',
            reason: 'fever or pelvic pain: cervicitis/PID',
          },
          {
            kind: 'trichomonas-naat',
            priority: 'urgent',
            reason: 'fever or pelvic pain: cervicitis/PID',
          },
        ],
        because: [
          ...(fever ? [dated('Fever', fever.reason, fever.date)] : []),
          ...(pelvicPain ? [dated('Pelvic pain', 'yes', pelvicPain.date)] : []),
        ],
      };
    },
  },
  {
    id: 'PCB-52',
    urgencies: ['routine'],
    parameters: ['lookbackDays'],
    evaluate: (f) =>
      f.redFlags.discharge
        ? {
            ruleId: 'PCB-52',
            urgency: 'routine',
            advice:
              'Abnormal discharge: add T. vaginalis NAAT and evaluate for bacterial vaginosis and candida; cervicitis → CT/NG NAAT.',
            orders: [
              {
                kind: 'trichomonas-naat',
                priority: 'routine',
                reason: 'abnormal vaginal discharge',
              },
            ],
            because: [
              dated('Vaginal discharge', 'abnormal', f.redFlags.discharge.date),
            ],
          }
        : undefined,
  },
  {
    id: 'PCB-53',
    urgencies: ['urgent'],
    parameters: ['lookbackDays'],
    evaluate: (f) => {
      const { weightLoss, pelvicMass } = f.redFlags;
      if (!weightLoss && !pelvicMass) {
        return undefined;
      }
      return {
        ruleId: 'PCB-53',
        urgency: 'urgent',
        advice:
          'Possible malignancy (unexplained weight loss or a pelvic/vaginal mass): urgent gynaecology or gynaecologic-oncology assessment.',
        orders: [
          {
            kind: 'oncology-referral',
            priority: 'urgent',
            reason: weightLoss
              ? 'PCB with unexplained weight loss'
              : 'PCB with a pelvic mass',
          },
        ],
        because: [
          ...(weightLoss
            ? [dated('Unexplained weight loss', 'yes', weightLoss.date)]
            : []),
          ...(pelvicMass
            ? [dated('Pelvic or vaginal mass', 'palpable', pelvicMass.date)]
            : []),
        ],
      };
    },
  },
];

import { ageLine, dated, hysterectomyLine, screeningLine } from './fact-lines';
import { ageOrAdult } from './predicates';
import type { Rule } from './rule';

/** §2 special populations PCB-40…45. */
export const specialPopulationRules: Rule[] = [
  {
    id: 'PCB-40',
    urgencies: ['routine'],
    parameters: [],
    evaluate: (f) =>
      f.hysterectomy.class === 'total'
        ? {
            ruleId: 'PCB-40',
            urgency: 'routine',
            advice:
              'No cervix: no routine cervical screening (unless CIN2+ history). Speculum examination of the vaginal vault (granulation tissue, atrophy, vault prolapse, VAIN/vaginal cancer); a vault lesion → biopsy/gynaecology; a mass → urgent assessment.',
            orders: [],
            because: [hysterectomyLine(f)],
          }
        : undefined,
  },
  {
    id: 'PCB-41',
    urgencies: ['routine'],
    parameters: [],
    evaluate: (f) =>
      f.hysterectomy.class === 'subtotal'
        ? {
            ruleId: 'PCB-41',
            urgency: 'routine',
            advice:
              'Subtotal hysterectomy: the cervix remains, so cervical rules (screening by age) apply; endometrial rules and hCG do not.',
            orders: [],
            because: [hysterectomyLine(f)],
          }
        : undefined,
  },
  {
    id: 'PCB-42',
    urgencies: ['routine'],
    parameters: [
      'screenMaxAge',
      'adequateScreeningWindowYears',
      'adequateScreeningLastWithinYears',
    ],
    evaluate: (f, p) =>
      f.hasCervix &&
      ageOrAdult(f, p) > p.screenMaxAge &&
      f.screening.adequatelyScreenedOut &&
      !f.risks.cin2PlusHistory &&
      !f.risks.immunocompromised
        ? {
            ruleId: 'PCB-42',
            urgency: 'routine',
            advice: `Screening exit after ${p.screenMaxAge} applies only to people without symptoms: examine; diagnostic cytology/HPV or colposcopy if the examination is abnormal.`,
            orders: [],
            because: [ageLine(f), screeningLine(f)],
          }
        : undefined,
  },
  {
    id: 'PCB-43',
    urgencies: ['routine'],
    parameters: [
      'immunocompromisedCytologyMonths',
      'immunocompromisedCytologyAfterThreeNormalMonths',
      'immunocompromisedCotestMonths',
    ],
    evaluate: (f) =>
      f.risks.immunocompromised
        ? {
            ruleId: 'PCB-43',
            urgency: 'routine',
            advice:
              'HIV/immunosuppression: lifelong screening (cytology yearly ×3 then 3-yearly, or cotest 3-yearly from 30); colposcopy for HPV-positive ASC-US or worse and any LSIL+; add T. vaginalis NAAT; lower threshold for colposcopy if PCB persists.',
            orders: [
              {
                kind: 'trichomonas-naat',
                priority: 'routine',
                reason: 'immunocompromised',
              },
            ],
            because: [
              dated(
                'Immune status',
                'HIV or immunosuppression',
                f.risks.immunocompromised.date,
              ),
              screeningLine(f),
            ],
          }
        : undefined,
  },
  {
    id: 'PCB-44',
    urgencies: ['soon'],
    parameters: [
      'postCin2SurveillanceYears',
      'postCin2HpvMonths',
      'postCin2HpvAfterThreeNegativeMonths',
    ],
    evaluate: (f) =>
      f.risks.cin2PlusHistory
        ? {
            ruleId: 'PCB-44',
            urgency: 'soon',
            advice: `Prior ${f.risks.cin2PlusHistory.kind === 'cancer' ? 'cervical cancer' : 'CIN2+'}: refer for colposcopy while symptomatic, whatever the last screen; verify surveillance (HPV-based yearly until 3 negatives, then 3-yearly for 25 years${f.hysterectomy.class === 'total' ? '; after hysterectomy, vaginal HPV-based testing' : ''}).`,
            orders: [
              {
                kind: 'colposcopy',
                priority: 'routine',
                reason: 'symptomatic with prior CIN2+',
              },
            ],
            because: [
              dated(
                'Cervical history',
                f.risks.cin2PlusHistory.kind === 'cancer'
                  ? 'cervical cancer'
                  : 'CIN2 or worse',
                f.risks.cin2PlusHistory.date,
              ),
            ],
          }
        : undefined,
  },
  {
    id: 'PCB-45',
    urgencies: ['routine'],
    parameters: [],
    evaluate: (f) => {
      const cause = f.risks.anticoagulant ?? f.risks.bleedingDisorder;
      return cause
        ? {
            ruleId: 'PCB-45',
            urgency: 'routine',
            advice:
              'Anticoagulation or a bleeding disorder does not explain PCB: complete the structural evaluation; if heavy, check INR/anti-Xa and coordinate with the prescriber.',
            orders: [],
            because: [
              f.risks.anticoagulant
                ? dated(
                    'Anticoagulant',
                    f.risks.anticoagulant.display ?? 'active',
                    f.risks.anticoagulant.date,
                  )
                : dated('Bleeding disorder', 'yes', cause.date),
            ],
          }
        : undefined;
    },
  },
];

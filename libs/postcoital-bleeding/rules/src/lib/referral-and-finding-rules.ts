import { withinMonths } from '@pcb-cds/postcoital-bleeding-facts';
import { ageLine, dated, naatLine, pcbLine, screeningLine } from './fact-lines';
import { ageOrAdult, isPregnant } from './predicates';
import type { FactLine } from './recommendation';
import type { Rule } from './rule';

/** §2 core rules PCB-15…18: persistent bleeding, abnormal results, lesions, benign findings. */
export const referralAndFindingRules: Rule[] = [
  {
    id: 'PCB-15',
    urgencies: ['soon'],
    parameters: [
      'persistWeeks',
      'persistWeeksOlder',
      'persistOlderFromAge',
      'stiRecentNegativeMonths',
      'cotestNegativeDeescalation',
    ],
    evaluate: (f, p) => {
      const age = ageOrAdult(f, p);
      const weeks =
        age >= p.persistOlderFromAge ? p.persistWeeksOlder : p.persistWeeks;
      const recentPositive =
        f.sti.lastPositive &&
        withinMonths(
          f.sti.lastPositive.date,
          p.stiRecentNegativeMonths,
          f.today,
        );
      if (
        !f.hasCervix ||
        isPregnant(f) ||
        f.pcb.days === undefined ||
        f.pcb.days < weeks * 7 ||
        recentPositive
      ) {
        return undefined;
      }
      const cotest = f.screening.lastCotest;
      const deescalate =
        p.cotestNegativeDeescalation &&
        cotest?.cytology === 'NILM' &&
        cotest.hpv === 'negative' &&
        withinMonths(cotest.date, 12, f.today) &&
        !f.redFlags.cervicalLesion;
      const uk = p.jurisdiction === 'UK';
      return {
        ruleId: 'PCB-15',
        urgency: 'soon',
        advice: uk
          ? `PCB has persisted ${Math.floor(f.pcb.days / 7)} weeks (threshold ${weeks}): routine general gynaecology referral once infection is excluded or treated; TVUS if no cause is found.`
          : deescalate
            ? `PCB has persisted ${Math.floor(f.pcb.days / 7)} weeks with a negative cotest within 12 months and a normal-looking cervix: gynaecology review.`
            : `PCB has persisted ${Math.floor(f.pcb.days / 7)} weeks (threshold ${weeks} at age ${age}): refer for colposcopy ± directed cervical biopsy even if cytology/HPV and infection tests are normal.`,
        orders: [
          uk || deescalate
            ? {
                kind: 'gynecology-referral',
                priority: 'routine',
                reason: `PCB persisting ≥${weeks} weeks`,
              }
            : {
                kind: 'colposcopy',
                priority: 'routine',
                reason: `PCB persisting ≥${weeks} weeks`,
              },
        ],
        because: [pcbLine(f), ageLine(f), screeningLine(f), naatLine(f)],
        variant: uk ? 'UK' : deescalate ? 'deescalated' : undefined,
      };
    },
  },
  {
    id: 'PCB-16',
    urgencies: ['urgent', 'soon'],
    parameters: ['surveillanceMonths', 'cotestWindowDays'],
    evaluate: (f) => {
      const abnormal = f.screening.unmanagedAbnormal;
      if (!f.hasCervix || !abnormal) {
        return undefined;
      }
      const result = [
        abnormal.cytology && `cytology ${abnormal.cytology}`,
        abnormal.hpv && `HPV ${abnormal.hpv}`,
      ]
        .filter(Boolean)
        .join(' + ');
      return {
        ruleId: 'PCB-16',
        urgency: abnormal.urgent ? 'urgent' : 'soon',
        advice: `${result} on ${abnormal.date} meets the ASCCP colposcopy threshold and no colposcopy has followed: refer for colposcopy.${isPregnant(f) ? ' Pregnant: colposcopy is still indicated; no endocervical curettage or endometrial sampling.' : ''}`,
        orders: [
          {
            kind: 'colposcopy',
            priority: abnormal.urgent ? 'urgent' : 'routine',
            reason: `${result} awaiting colposcopy`,
          },
        ],
        because: [
          dated('Abnormal result', result, abnormal.date),
          dated('Colposcopy since', 'none on record'),
          ageLine(f),
        ],
        variant: isPregnant(f) ? 'pregnant' : undefined,
      };
    },
  },
  {
    id: 'PCB-17',
    urgencies: ['urgent'],
    parameters: ['lookbackDays'],
    evaluate: (f) =>
      f.redFlags.cervicalLesion
        ? {
            ruleId: 'PCB-17',
            urgency: 'urgent',
            advice:
              'Suspicious cervical lesion: urgent colposcopy with biopsy (gynaecology); frank tumour → gynaecologic oncology. Do not wait for cytology; a previous negative Pap must not delay referral.',
            orders: [
              {
                kind: 'colposcopy',
                priority: 'urgent',
                reason: 'suspicious cervical lesion on examination',
              },
            ],
            because: [
              dated(
                'Examination',
                'lesion of cervix',
                f.redFlags.cervicalLesion.date,
              ),
            ],
          }
        : undefined,
  },
  {
    id: 'PCB-18',
    urgencies: ['routine'],
    parameters: ['lookbackDays'],
    evaluate: (f) => {
      const { cervicalPolyp, ectropion, cervicalLesion } = f.redFlags;
      if (cervicalLesion || (!cervicalPolyp && !ectropion)) {
        return undefined;
      }
      const because: FactLine[] = [
        ...(cervicalPolyp
          ? [dated('Examination', 'cervical polyp', cervicalPolyp.date)]
          : []),
        ...(ectropion
          ? [dated('Examination', 'ectropion', ectropion.date)]
          : []),
      ];
      return {
        ruleId: 'PCB-18',
        urgency: 'routine',
        advice: `${cervicalPolyp ? 'Polyp: remove and send for histology, or refer. ' : ''}${ectropion ? 'Ectropion: reassure, consider reviewing hormonal contraception, treat only if troublesome. ' : ''}If PCB persists, refer (persistent-PCB pathway).`,
        orders: [],
        because,
      };
    },
  },
];

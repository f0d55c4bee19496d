import { withinMonths } from '@pcb-cds/postcoital-bleeding-facts';
import {
  ageLine,
  dated,
  menopauseLine,
  naatLine,
  pcbLine,
  pregnancyLine,
  screeningLine,
} from './fact-lines';
import {
  ageOrAdult,
  hasRecentNegativeNaat,
  inScreeningAgeBand,
  isHeavyOrUnstable,
  isLatePregnancy,
  isPregnant,
} from './predicates';
import type { FactLine, OrderAdvice } from './recommendation';
import type { Rule } from './rule';

/** §2 core rules PCB-10…18: examination, screening, infection, pregnancy test, persistence, findings. */
export const coreRules: Rule[] = [
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
  {
    id: 'PCB-13',
    urgencies: ['routine'],
    parameters: [
      'stiYoungMaxAge',
      'newPartnerMonths',
      'stiStaleMonths',
      'stiRecentNegativeMonths',
      'stiTestAll',
    ],
    evaluate: (f, p) => {
      const reasons = stiReasons(f, p);
      if (reasons.length === 0 || hasRecentNegativeNaat(f, p)) {
        return undefined;
      }
      const trich = f.redFlags.discharge || f.risks.immunocompromised;
      return {
        ruleId: 'PCB-13',
        urgency: 'routine',
        advice: `Test for chlamydia and gonorrhoea by NAAT (vaginal swab preferred; endocervical at speculum; urine acceptable)${trich ? ', with T. vaginalis NAAT' : ''}. Positive: treat, partner therapy, retest at 3 months.`,
        orders: [
          { kind: 'ct-ng-naat', priority: 'routine', reason: reasons[0].value },
          ...(trich
            ? [
                {
                  kind: 'trichomonas-naat' as const,
                  priority: 'routine' as const,
                  reason: f.redFlags.discharge
                    ? 'abnormal discharge'
                    : 'immunocompromised',
                },
              ]
            : []),
        ],
        because: [naatLine(f), ...reasons.slice(0, 3)],
        variant: p.jurisdiction === 'UK' ? 'UK' : undefined,
      };
    },
  },
  {
    id: 'PCB-14',
    urgencies: ['routine'],
    parameters: [
      'hcgMinAge',
      'hcgMaxAge',
      'hcgRecentDays',
      'postPregnancyWeeks',
    ],
    evaluate: (f, p) => {
      const age = ageOrAdult(f, p);
      const endedRecently =
        f.pregnancy.ended !== undefined &&
        f.pregnancy.ended.weeksSince <= p.postPregnancyWeeks;
      if (
        !f.hasCorpus ||
        age < p.hcgMinAge ||
        age > p.hcgMaxAge ||
        f.menopause.status === 'post' ||
        f.pregnancy.status === 'yes' ||
        f.pregnancy.recentNegativeTest ||
        endedRecently
      ) {
        return undefined;
      }
      const quantitative = isHeavyOrUnstable(f);
      return {
        ruleId: 'PCB-14',
        urgency: 'routine',
        advice: quantitative
          ? 'Pregnancy test now: with heavy bleeding or instability use a quantitative serum hCG. Positive → pregnancy pathway.'
          : 'Urine hCG now. Positive → pregnancy pathway (same/next-day obstetric assessment).',
        orders: [
          quantitative
            ? {
                kind: 'serum-quantitative-hcg',
                priority: 'stat',
                reason:
                  'pregnancy status unknown, heavy bleeding or instability',
              }
            : {
                kind: 'urine-hcg',
                priority: 'routine',
                reason: 'pregnancy status unknown',
              },
        ],
        because: [pregnancyLine(f), menopauseLine(f), ageLine(f)],
      };
    },
  },
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

/** PCB-13 triggers, each as the fact a clinician would check. */
function stiReasons(
  f: Parameters<Rule['evaluate']>[0],
  p: Parameters<Rule['evaluate']>[1],
): FactLine[] {
  const r: FactLine[] = [];
  if (p.stiTestAll) {
    r.push(
      dated(
        'Local pathway',
        'test every woman with PCB for chlamydia before referral',
      ),
    );
  }
  if (f.ageYears !== undefined && f.ageYears <= p.stiYoungMaxAge) {
    r.push(dated('Age', `${f.ageYears} years (≤${p.stiYoungMaxAge})`));
  }
  if (f.sti.newPartner) {
    r.push(dated('New sexual partner', 'yes', f.sti.newPartner.date));
  }
  if (f.sti.priorSti) {
    r.push(
      dated(
        'Sexually transmitted infection',
        `within ${p.stiStaleMonths} months`,
        f.sti.priorSti.date,
      ),
    );
  }
  for (const [flag, label] of [
    ['discharge', 'abnormal discharge'],
    ['fever', 'fever'],
    ['pelvicPain', 'pelvic pain'],
  ] as const) {
    const d = f.redFlags[flag];
    if (d) {
      r.push(dated('Symptom', label, d.date));
    }
  }
  if (f.risks.immunocompromised) {
    r.push(
      dated(
        'Immune status',
        'HIV or immunosuppression',
        f.risks.immunocompromised.date,
      ),
    );
  }
  const last = f.sti.lastNaat;
  if (!last || !withinMonths(last.date, p.stiStaleMonths, f.today)) {
    r.push(
      dated(
        'CT/NG NAAT',
        `none in the last ${p.stiStaleMonths} months`,
        last?.date,
      ),
    );
  } else if (last.result === 'positive') {
    r.push(dated('Last CT/NG NAAT', 'positive: retest at 3 months', last.date));
  }
  return r;
}

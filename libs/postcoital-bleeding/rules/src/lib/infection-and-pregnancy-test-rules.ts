import { withinMonths } from '@pcb-cds/postcoital-bleeding-facts';
import {
  ageLine,
  dated,
  menopauseLine,
  naatLine,
  pregnancyLine,
} from './fact-lines';
import {
  ageOrAdult,
  hasRecentNegativeNaat,
  isHeavyOrUnstable,
} from './predicates';
import type { FactLine } from './recommendation';
import type { Rule } from './rule';

/** §2 core rules PCB-13…14: chlamydia/gonorrhoea testing and the pregnancy test. */
export const infectionAndPregnancyTestRules: Rule[] = [
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

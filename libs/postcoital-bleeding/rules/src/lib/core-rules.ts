import type { GuidelineParameters, PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import { withinDays, withinMonths } from '@pcb-cds/postcoital-bleeding-facts';
import { all, not, predicate } from './condition';
import {
  ageLine,
  ago,
  dated,
  duration,
  hysterectomyLine,
  menopauseLine,
  naatLine,
  pcbLine,
  pregnancyLine,
  screeningLine,
} from './fact-lines';
import { ageOrAdult, isPregnancyTestIndicated, isPregnant, isUndatedPregnancy, PREDICATES } from './predicates';
import { redFlagHcgOrder } from './red-flag-orders';
import type { OrderAdvice } from './recommendation';
import type { Rule } from './rule';
import { stiBlock, stiTriggers } from './sti-testing';
import { suspiciousCervix, suspiciousVaginalLesion } from './suspicious-lesion';
import { byJurisdiction, COLPOSCOPY_IN_PREGNANCY, wordsFor } from './words';

type F = PostcoitalBleedingFacts;
type P = GuidelineParameters;

/**
 * R2-15: the patient safety-netting line on the work-up card. Pregnancy is named unless she cannot
 * become pregnant (no uterus, or after the menopause): a negative test today does not cover next month.
 */
const SAFETY_NET =
  'Tell her to seek urgent care if the bleeding is heavy or lasts more than 24 hours, or comes with pain, fever or feeling faint';
const safetyNet = (f: F): string =>
  !f.hasCorpus || f.menopause.status === 'post' ? `${SAFETY_NET}.` : `${SAFETY_NET}, or if she is or may be pregnant.`;

/** R2-15: "pregnancy is not a contraindication" only where pregnancy is possible. */
const pregnancyPossible = (f: F, p: P): boolean => isPregnant(f) || (f.pregnancy.status === 'unknown' && isPregnancyTestIndicated(f, p));

/** Persistence threshold in weeks for this patient (PCB-15). */
const persistWeeksFor = (f: F, p: P): number => (ageOrAdult(f, p) >= p.persistOlderFromAge ? p.persistWeeksOlder : p.persistWeeks);

const screeningDue = (f: F, p: P): boolean => !f.screening.current || (p.jurisdiction === 'US' && p.diagnosticCytologyWhenNotDue);

/** "last cytology NILM 4 years ago", "no result on record". */
function lastScreenText(f: F): string {
  const cyt = f.screening.lastCytology;
  const hpv = f.screening.lastHpv;
  const latest = cyt && (!hpv || cyt.date >= hpv.date) ? `cytology ${cyt.result}` : hpv ? `HPV ${hpv.result}` : undefined;
  const date = cyt && (!hpv || cyt.date >= hpv.date) ? cyt.date : hpv?.date;
  return latest && date ? `last ${latest} ${ago(date, f.today)}` : 'no result on record';
}

/** R2-4: the examination this patient can safely have. */
function examination(f: F, p: P): { advice: string; action: string } {
  const w = wordsFor(p);
  if (isUndatedPregnancy(f)) {
    return {
      action: 'history + sterile speculum only',
      advice: `Pregnant, gestation unknown: **sterile speculum examination only — no digital or bimanual examination until gestation and placental site are known** (gestation confirmed under 20 weeks, or placenta ${w.praevia} excluded by ultrasound).`,
    };
  }
  if (!f.hasCervix) {
    return {
      action: 'history + vault exam',
      advice: 'No cervix: speculum examination of the vaginal vault (granulation tissue, atrophy, vault prolapse, lesion).',
    };
  }
  return {
    action: 'history + exam',
    advice: `Examine with speculum and bimanual examination, visualising vulva, vagina and cervix (ectropion, polyp, cervicitis, atrophy, trauma or foreign body, prolapse, lesion)${w.uk ? '; the speculum examination belongs in primary care or the sexual-health clinic' : ''}. Document findings in the record so follow-up advice updates.`,
  };
}

/** What the work-up considered and did not need, each with the fact that made it unnecessary (R2-15). */
function workUpNotNeeded(f: F, p: P): string[] {
  const lines: string[] = [];
  const sti = stiBlock(f, p);
  if (sti) {
    lines.push(sti);
  }
  const hcg = f.pregnancy.recentNegativeTest;
  if (hcg && f.hasCorpus) {
    lines.push(`Pregnancy test: hCG negative ${ago(hcg.date, f.today)} (${hcg.date}) — no repeat needed now.`);
  }
  if (f.hasCervix && PREDICATES.inScreeningAgeBand.test(f, p) && !screeningDue(f, p) && !f.screening.unmanagedAbnormal) {
    lines.push(`Cervical screening: ${f.screening.currencyReason} — current, no test needed now.`);
  }
  return lines;
}

/** §2 core rules PCB-10…19: examination, screening, infection, pregnancy test, referral, findings, safeguarding. */
export const coreRules: Rule[] = [
  {
    id: 'PCB-10',
    section: 'core',
    title: { US: 'History and examination', UK: 'History and examination' },
    when: predicate('gateOpen', 'PCB-00', 'postcoital bleeding in the look-back and a female genital tract (the gate)', () => true),
    urgencies: ['routine'],
    parameters: ['obTriageWeeks'],
    sources: { US: ['S5', 'S6', 'S18'], UK: ['S21', 'S23'] },
    trace: { section: '§2 PCB-10; R2-4, R2-15, R2-31', seeds: ['000', '003'] },
    gapTopics: ['birth-date', 'sex', 'other', 'unrecognised-result', 'history-date'],
    recommendationText: {
      US: 'Focused history (cycle timing, irregular bleeding, dyspareunia/dysuria, partner, discharge, trauma and consent, prolapse, last Pap, contraception, postpartum/breastfeeding, anticoagulants, HRT/tamoxifen) and examination by patient: speculum + bimanual; pregnant with gestation unknown → sterile speculum only, no digital examination until gestation and placental site are known; no cervix → vaginal vault. Safety-netting line. "Considered, not needed now": recent negative/positive NAAT, negative hCG ≤7 d, current screening',
      UK: 'Same; speculum examination in primary care or the sexual-health clinic',
    },
    output: (f, p) => {
      const exam = examination(f, p);
      const w = wordsFor(p);
      return {
        urgency: 'routine',
        summary: `Postcoital bleeding for ${f.pcb.days === undefined ? 'an unknown time' : duration(f.pcb.days)}: focused history and ${exam.action.replace('history + ', '')}`,
        action: exam.action,
        ...(f.pcb.days === undefined ? {} : { headline: `Postcoital bleeding for ${duration(f.pcb.days)}` }),
        advice: [
          `Ask about: timing in the menstrual cycle, other irregular or intermenstrual bleeding, heavy or irregular periods, pain, dyspareunia or dysuria, new or changed partner, discharge, trauma and consent, prolapse symptoms, last ${w.cervicalTest}, contraception, recent pregnancy or breastfeeding, anticoagulants, HRT or tamoxifen, and how often, how much and how long she bleeds.`,
          exam.advice,
        ].join(' '),
        notNeeded: workUpNotNeeded(f, p),
        orders: [],
        because: [
          pcbLine(f),
          ageLine(f),
          ...(isPregnant(f) ? [pregnancyLine(f)] : []),
          ...(f.hysterectomy.class === 'total' ? [hysterectomyLine(f)] : []),
        ],
        safetyNet: safetyNet(f),
        variant: isUndatedPregnancy(f) ? 'undated-pregnancy' : f.hasCervix ? undefined : 'no-cervix',
      };
    },
  },
  {
    id: 'PCB-11',
    section: 'core',
    title: { US: 'Cervical screening not current', UK: 'Cervical screening due' },
    when: all(
      PREDICATES.hasCervix,
      PREDICATES.inScreeningAgeBand,
      predicate('noUnmanagedAbnormal', 'PCB-11', 'no abnormal result awaiting colposcopy', (f) => !f.screening.unmanagedAbnormal),
      predicate(
        'screeningNotCurrent',
        'PCB-11, §1 screenCurrent',
        'screening not current for age and risk (US option: diagnostic cytology when not due)',
        screeningDue,
      ),
    ),
    urgencies: ['routine'],
    parameters: [
      'screenMinAge',
      'screenMaxAge',
      'hpvFromAge',
      'cytologyIntervalMonths',
      'hpvIntervalMonths',
      'diagnosticCytologyWhenNotDue',
    ],
    sources: { US: ['S1', 'S5', 'S4'], UK: ['S24', 'S23'] },
    trace: { section: '§2 PCB-11; R2-13, R2-15', seeds: ['000', '003'] },
    gapTopics: ['screening'],
    recommendationText: {
      US: 'Collect cervical cytology now (+ hrHPV cotest from 30); "pregnancy is not a contraindication" only where pregnancy is possible; a normal result must not delay referral of an abnormal-looking cervix',
      UK: 'NHS Cervical Screening Programme sample (HPV primary, reflex cytology) only if due or overdue, age 25–64; women living with HIV: annual',
    },
    output: (f, p) => {
      const age = ageOrAdult(f, p);
      const last = lastScreenText(f);
      if (p.jurisdiction === 'UK') {
        return {
          urgency: 'routine',
          summary: `Cervical screening due (${last}): take the NHS screening sample`,
          action: `cervical screening due (${last})`,
          advice:
            'Cervical screening is due or overdue: take the NHS Cervical Screening Programme sample (HPV primary with reflex cytology). Cervical screening is not a diagnostic test: an abnormal-looking cervix needs referral whatever the result.',
          orders: [{ kind: 'hpv-test', priority: 'routine', reason: 'NHS cervical screening due or overdue' }],
          because: [ageLine(f), screeningLine(f)],
          variant: 'UK',
        };
      }
      const cotest = age >= p.hpvFromAge;
      const orders: OrderAdvice[] = [
        { kind: 'cervical-cytology', priority: 'routine', reason: 'cervical screening not current' },
        ...(cotest
          ? [{ kind: 'hpv-test' as const, priority: 'routine' as const, reason: `cotest: hrHPV with cytology from age ${p.hpvFromAge}` }]
          : []),
      ];
      return {
        urgency: 'routine',
        summary: `Cervical screening not current (${last}): collect cytology${cotest ? ' with hrHPV' : ''}`,
        action: `Pap${cotest ? ' + hrHPV' : ''}${f.screening.anyResult ? ` (${last})` : ''}`,
        advice: `Collect cervical cytology now${cotest ? ' with hrHPV (cotest)' : ''}.${pregnancyPossible(f, p) ? ' Pregnancy is not a contraindication to cytology.' : ''} A normal result must not delay referral if the cervix looks abnormal.`,
        orders,
        because: [ageLine(f), screeningLine(f)],
      };
    },
  },
  {
    id: 'PCB-12',
    section: 'core',
    title: { US: 'Under screening age: no cytology', UK: 'Under screening age: no cervical screening' },
    when: all(
      PREDICATES.hasCervix,
      predicate(
        'underScreeningAge',
        'PCB-12',
        (p) => `age under ${p.screenMinAge} (UK 25)`,
        (f, p) => f.ageYears !== undefined && f.ageYears < p.screenMinAge,
      ),
    ),
    urgencies: ['routine'],
    parameters: ['screenMinAge'],
    sources: { US: ['S6', 'S1'], UK: ['S22', 'S23'] },
    trace: { section: '§2 PCB-12', seeds: [] },
    gapTopics: [],
    recommendationText: {
      US: 'No cytology/HPV under 21; examination, NAAT and hCG still required; suspicious cervix → colposcopy',
      UK: 'Cytology not part of the pathway under 25; swabs and pregnancy test; refer if it persists 6–8 weeks',
    },
    output: (f, p) => ({
      urgency: 'routine',
      summary: `Age ${f.ageYears}: no ${p.jurisdiction === 'UK' ? 'cervical screening' : 'cytology'} under ${p.screenMinAge} — examine and test for infection and pregnancy`,
      action: `no ${p.jurisdiction === 'UK' ? 'smear' : 'Pap'} under ${p.screenMinAge}`,
      advice: byJurisdiction(
        p,
        `No cytology or HPV test under ${p.screenMinAge}: cervical cancer is unlikely. Examination, chlamydia/gonorrhea NAAT and a pregnancy test are still required; a suspicious cervix goes to colposcopy with biopsy, not cytology.`,
        `Cervical screening is not part of the pathway under ${p.screenMinAge}: examine, take swabs (chlamydia/gonorrhoea NAAT) and a pregnancy test; refer to gynaecology if the bleeding persists 6–8 weeks; a suspicious cervix → urgent suspected cancer referral.`,
      ),
      orders: [],
      because: [ageLine(f)],
      variant: p.jurisdiction === 'UK' ? 'UK' : undefined,
    }),
  },
  {
    id: 'PCB-13',
    section: 'core',
    title: { US: 'Chlamydia and gonorrhea NAAT', UK: 'Chlamydia and gonorrhoea NAAT' },
    when: all(
      predicate(
        'stiTrigger',
        'PCB-13, R2-7, R2-23',
        (p) =>
          `age ≤${p.stiYoungMaxAge} OR new partner OR prior STI (positive NAAT >${p.stiPositiveRetestMonths} mo ago) OR discharge/cervicitis/fever/pain OR HIV/immunosuppression OR (no NAAT ≤${p.stiStaleMonths} mo AND (UK OR not postmenopausal)) OR (pregnant AND last NAAT positive ≥${p.stiPositiveNoRetestWeeks} wk ago, none since) OR UK: all women`,
        (f, p) => stiTriggers(f, p).length > 0,
      ),
      not(
        predicate(
          'stiNotNeededNow',
          'PCB-13, R2-6, R2-23',
          (p) =>
            `negative NAAT ≤${p.stiRecentNegativeMonths} mo with no new partner since, or last NAAT positive <${p.stiPositiveNoRetestWeeks} wk ago, or positive ≤${p.stiPositiveRetestMonths} mo ago (not pregnant, nothing new since)`,
          (f, p) => stiBlock(f, p) !== undefined,
        ),
      ),
    ),
    urgencies: ['routine'],
    parameters: [
      'stiYoungMaxAge',
      'newPartnerMonths',
      'stiStaleMonths',
      'stiRecentNegativeMonths',
      'stiTestAll',
      'stiPositiveNoRetestWeeks',
      'stiPositiveRetestMonths',
    ],
    sources: { US: ['S13', 'S14'], UK: ['S23', 'S21'] },
    trace: { section: '§2 PCB-13; R2-6, R2-7, R2-23', seeds: ['000', '003'] },
    gapTopics: ['sti'],
    recommendationText: {
      US: 'CT + NG NAAT (vaginal swab preferred); + T. vaginalis NAAT with discharge or HIV/immunosuppression; positive → treat, partner therapy, retest 3 months. Blocked by a recent positive: the work-up card says when the retest is due',
      UK: 'Test all women with PCB for chlamydia (± gonorrhoea) before referral; gonorrhoea: test of cure for all (NAAT ≥2 weeks after treatment)',
    },
    output: (f, p) => {
      const reasons = stiTriggers(f, p);
      const trich = Boolean(f.redFlags.discharge || f.redFlags.cervicitis || f.risks.immunocompromised);
      const w = wordsFor(p);
      return {
        urgency: 'routine',
        summary: `Test for chlamydia and ${w.uk ? 'gonorrhoea' : 'gonorrhea'} (NAAT): ${reasons[0].label.startsWith('Chlamydia/') ? reasons[0].value : reasons[0].label === 'Local pathway' ? 'local pathway tests every woman with postcoital bleeding' : `${reasons[0].label.toLowerCase()} ${reasons[0].value}`}`,
        // With discharge or cervicitis PCB-52 names the T. vaginalis NAAT in the work-up summary: said once.
        action: `chlamydia/${w.uk ? 'gonorrhoea' : 'gonorrhea'} NAAT${trich && !(f.redFlags.discharge || f.redFlags.cervicitis) ? ' + T. vaginalis' : ''}`,
        advice: `Test for chlamydia and ${w.uk ? 'gonorrhoea' : 'gonorrhea'} by NAAT (vaginal swab preferred; endocervical at speculum; urine acceptable)${trich ? ', with T. vaginalis NAAT' : ''}. Positive: treat, treat partner(s), retest at 3 months${w.uk ? '; gonorrhoea: test of cure (NAAT at least 2 weeks after treatment)' : ''}.`,
        orders: [
          { kind: 'ct-ng-naat', priority: 'routine', reason: reasons[0].value },
          ...(trich
            ? [
                {
                  kind: 'trichomonas-naat' as const,
                  priority: 'routine' as const,
                  reason: f.redFlags.discharge
                    ? 'abnormal discharge'
                    : f.redFlags.cervicitis
                      ? 'cervicitis on examination'
                      : 'HIV or immunosuppression',
                },
              ]
            : []),
        ],
        because: [naatLine(f, p.jurisdiction), ...reasons.slice(0, 3)],
        variant: p.jurisdiction === 'UK' ? 'UK' : undefined,
      };
    },
  },
  {
    id: 'PCB-14',
    section: 'core',
    title: { US: 'Pregnancy test', UK: 'Pregnancy test' },
    when: PREDICATES.pregnancyTestIndicated,
    urgencies: ['routine'],
    parameters: ['hcgMinAge', 'hcgMaxAge', 'hcgRecentDays', 'postPregnancyWeeks'],
    sources: { US: ['S15', 'S22'], UK: ['S22', 'S23'] },
    trace: { section: '§2 PCB-14; R2-3, R2-11, R2-31', seeds: ['001', '004'] },
    gapTopics: ['pregnancy'],
    recommendationText: {
      US: 'Urine hCG now; positive → pregnancy pathway. With heavy bleeding, instability, fever or pain the hCG goes, once, on the most urgent red-flag card at stat (quantitative serum hCG with heavy bleeding)',
    },
    output: (f, p) => {
      const order = redFlagHcgOrder(f, p) ?? {
        kind: 'urine-hcg' as const,
        priority: 'routine' as const,
        reason: 'pregnancy status unknown',
      };
      return {
        urgency: 'routine',
        summary: `Pregnancy status unknown at ${f.ageYears ?? 'unknown age'}: ${order.kind === 'urine-hcg' ? 'urine' : 'quantitative serum'} hCG`,
        action: `${order.kind === 'urine-hcg' ? 'urine' : 'serum quantitative'} hCG${order.priority === 'stat' ? ' (stat)' : ''}`,
        advice: `${order.kind === 'urine-hcg' ? 'Urine' : 'Quantitative serum'} hCG ${order.priority === 'stat' ? 'now (stat)' : 'now'}. Positive → pregnancy pathway.`,
        orders: [order],
        because: [pregnancyLine(f), menopauseLine(f), ageLine(f)],
      };
    },
  },
  {
    id: 'PCB-15',
    section: 'core',
    title: { US: 'Persistent postcoital bleeding', UK: 'Persistent postcoital bleeding' },
    when: all(
      PREDICATES.hasCervix,
      not(PREDICATES.pregnant),
      predicate(
        'persisting',
        'PCB-15',
        (p) => `bleeding for ≥${p.persistWeeks} weeks (≥${p.persistWeeksOlder} from age ${p.persistOlderFromAge})`,
        (f, p) => f.pcb.days !== undefined && f.pcb.days >= persistWeeksFor(f, p) * 7,
      ),
      not(
        predicate(
          'recentPositiveSti',
          'PCB-15, R2-23',
          (p) =>
            `positive STI in the last ${p.stiBlockUnknownTreatmentWeeks} weeks (${p.stiBlockAfterPositiveWeeks} when the treatment date is known; the record carries none)`,
          (f, p) => Boolean(f.sti.lastPositive && withinDays(f.sti.lastPositive.date, p.stiBlockUnknownTreatmentWeeks * 7, f.today)),
        ),
      ),
    ),
    urgencies: ['soon'],
    parameters: [
      'persistWeeks',
      'persistWeeksOlder',
      'persistOlderFromAge',
      'stiBlockAfterPositiveWeeks',
      'stiBlockUnknownTreatmentWeeks',
      'cotestNegativeDeescalation',
    ],
    sources: { US: ['S18', 'S19'], UK: ['S21', 'S23'] },
    trace: { section: '§2 PCB-15; R2-23', seeds: ['000', '003'] },
    gapTopics: [],
    cardGroup: 'colposcopy',
    recommendationText: {
      US: 'Refer for colposcopy ± directed cervical biopsy even if cytology/HPV and infection tests are normal (option: negative cotest ≤12 months and normal cervix → gynecology review)',
      UK: 'Routine general gynaecology referral after ≥6 weeks with infection excluded or treated; TVUS if no cause',
    },
    output: (f, p) => {
      const weeks = persistWeeksFor(f, p);
      const days = f.pcb.days ?? 0;
      const cotest = f.screening.lastCotest;
      const deescalate =
        p.cotestNegativeDeescalation &&
        cotest?.cytology === 'NILM' &&
        cotest.hpv === 'negative' &&
        withinMonths(cotest.date, 12, f.today) &&
        !f.redFlags.cervicalLesion;
      const uk = p.jurisdiction === 'UK';
      const w = wordsFor(p);
      return {
        urgency: 'soon',
        summary: uk
          ? `Postcoital bleeding for ${duration(days)} (≥${weeks} wk): routine gynaecology referral`
          : deescalate
            ? `Postcoital bleeding for ${duration(days)} (≥${weeks} wk), negative cotest: gynecology review`
            : `Postcoital bleeding for ${duration(days)} (≥${weeks} wk): refer for colposcopy ± cervical biopsy`,
        action: uk ? 'gynaecology referral' : 'colposcopy referral',
        advice: uk
          ? `Bleeding has persisted ${duration(days)} (threshold ${weeks} weeks): routine general gynaecology referral once infection is excluded or treated; transvaginal ultrasound if no cause is found.`
          : deescalate
            ? `Bleeding has persisted ${duration(days)} with a negative cotest within 12 months and a normal-looking cervix: ${w.gynaecology} review.`
            : `Bleeding has persisted ${duration(days)} (threshold ${weeks} weeks at age ${ageOrAdult(f, p)}): refer for colposcopy ± directed cervical biopsy even if cytology, HPV and infection tests are normal.`,
        orders: [
          uk || deescalate
            ? { kind: 'gynecology-referral', priority: 'routine', reason: `postcoital bleeding persisting ≥${weeks} weeks` }
            : { kind: 'colposcopy', priority: 'routine', reason: `postcoital bleeding persisting ≥${weeks} weeks` },
        ],
        because: [pcbLine(f), ageLine(f), screeningLine(f), naatLine(f, p.jurisdiction)],
        variant: uk ? 'UK' : deescalate ? 'deescalated' : undefined,
      };
    },
  },
  {
    id: 'PCB-16',
    section: 'core',
    title: { US: 'Abnormal result awaiting colposcopy', UK: 'Abnormal result awaiting colposcopy' },
    when: all(
      PREDICATES.hasCervix,
      predicate(
        'unmanagedAbnormal',
        'PCB-16, ASCCP 2019',
        'latest result at the ASCCP colposcopy threshold (by age and immune status) with no colposcopy or histology since',
        (f) => Boolean(f.screening.unmanagedAbnormal),
      ),
    ),
    urgencies: ['urgent', 'soon'],
    parameters: ['surveillanceMonths', 'cotestWindowDays'],
    sources: { US: ['S4', 'S6', 'S7'], UK: ['S24', 'S20'] },
    trace: { section: '§2 PCB-16; R2-15', seeds: [] },
    gapTopics: ['screening', 'unrecognised-result'],
    cardGroup: 'colposcopy',
    recommendationText: {
      US: 'Colposcopy (urgent for HSIL/ASC-H/AGC/AIS/SCC/HPV16-18+); pregnant: colposcopy still indicated, no ECC or endometrial sampling',
      UK: 'Laboratory-triggered colposcopy referral: 2-week wait for ?invasion, high grade, ?glandular; ≤6 weeks for low grade / persistent hrHPV',
    },
    output: (f, p) => {
      const abnormal = f.screening.unmanagedAbnormal as NonNullable<F['screening']['unmanagedAbnormal']>;
      const result = [abnormal.cytology && `cytology ${abnormal.cytology}`, abnormal.hpv && `HPV ${abnormal.hpv}`]
        .filter(Boolean)
        .join(' + ');
      const urgent = abnormal.urgent;
      const uk = p.jurisdiction === 'UK';
      return {
        urgency: urgent ? 'urgent' : 'soon',
        summary: `${result} ${ago(abnormal.date, f.today)}, no colposcopy since: ${uk && urgent ? 'colposcopy within 2 weeks' : 'refer for colposcopy'}`,
        action: 'colposcopy',
        advice: uk
          ? `${result} on ${abnormal.date} and no colposcopy has followed: ${urgent ? 'colposcopy within 2 weeks (high grade, ?invasion or ?glandular)' : 'colposcopy within 6 weeks'}.`
          : `${result} on ${abnormal.date} meets the ASCCP colposcopy threshold and no colposcopy has followed: refer for colposcopy${urgent ? ' promptly' : ''}.`,
        cautions: isPregnant(f) ? [COLPOSCOPY_IN_PREGNANCY] : [],
        orders: [{ kind: 'colposcopy', priority: urgent ? 'urgent' : 'routine', reason: `${result} awaiting colposcopy` }],
        because: [dated('Abnormal result', result, abnormal.date), dated('Colposcopy since', 'none on record'), ageLine(f)],
        variant: isPregnant(f) ? 'pregnant' : undefined,
      };
    },
  },
  {
    id: 'PCB-17',
    section: 'core',
    title: { US: 'Suspicious cervical or vaginal lesion', UK: 'Suspicious cervical or vaginal lesion' },
    when: predicate(
      'suspiciousLesion',
      'PCB-17',
      'suspicious cervical, vaginal or vulval lesion on examination (any age, pregnant included)',
      (f) => Boolean(f.redFlags.cervicalLesion || f.redFlags.vaginalLesion),
    ),
    urgencies: ['urgent'],
    parameters: ['lookbackDays'],
    sources: { US: ['S5', 'S6', 'S20'], UK: ['S20', 'S23'] },
    trace: { section: '§2 PCB-17; R2-13; fact-encoding.md rev 2 (vaginal lesion)', seeds: ['000'] },
    gapTopics: [],
    cardGroup: 'colposcopy',
    recommendationText: {
      US: 'Urgent colposcopy with biopsy (gynecology); frank tumor → gynecologic oncology; do not wait for cytology. Vaginal lesion: urgent gynecology assessment with vaginal colposcopy and biopsy',
      UK: 'Urgent suspected cancer referral (2-week wait): appearance of the cervix consistent with cancer (NG12); vaginal lesion: consider a suspected-cancer referral',
    },
    output: (f, p) =>
      f.redFlags.cervicalLesion
        ? suspiciousCervix(f, p, f.redFlags.cervicalLesion)
        : suspiciousVaginalLesion(f, p, f.redFlags.vaginalLesion as NonNullable<F['redFlags']['vaginalLesion']>),
  },
  {
    id: 'PCB-18',
    section: 'core',
    title: { US: 'Benign cervical finding', UK: 'Benign cervical finding' },
    when: all(
      predicate('benignFinding', 'PCB-18', 'cervical polyp or ectropion on examination', (f) =>
        Boolean(f.redFlags.cervicalPolyp || f.redFlags.ectropion),
      ),
      not(predicate('noLesion', 'PCB-18', 'suspicious lesion', (f) => Boolean(f.redFlags.cervicalLesion || f.redFlags.vaginalLesion))),
    ),
    urgencies: ['routine'],
    parameters: ['lookbackDays'],
    sources: { US: ['S21', 'S23'], UK: ['S21', 'S23'] },
    trace: { section: '§2 PCB-18', seeds: ['000'] },
    gapTopics: [],
    recommendationText: {
      US: 'Polyp: remove and send for histology (or refer); ectropion: reassure, consider contraception review; persisting → PCB-15',
      UK: 'Same; do not refer polyps directly to colposcopy',
    },
    output: (f, p) => {
      const { cervicalPolyp, ectropion } = f.redFlags;
      const finding = cervicalPolyp ? 'cervical polyp' : 'ectropion';
      return {
        urgency: 'routine',
        summary: `${cervicalPolyp ? 'Cervical polyp' : 'Ectropion'} on examination: ${cervicalPolyp ? 'remove and send for histology' : 'reassure'}; review if bleeding persists`,
        action: cervicalPolyp ? 'remove polyp for histology' : 'ectropion: reassure',
        advice: `${cervicalPolyp ? `Polyp: remove and send for histology, or refer${p.jurisdiction === 'UK' ? ' to gynaecology (not directly to colposcopy)' : ''}. ` : ''}${ectropion ? 'Ectropion: reassure, consider reviewing hormonal contraception, treat only if troublesome. ' : ''}If bleeding persists, refer (persistent-bleeding pathway).`,
        orders: [],
        because: [
          ...(cervicalPolyp ? [dated('Examination', 'cervical polyp', cervicalPolyp.date)] : []),
          ...(ectropion ? [dated('Examination', 'ectropion', ectropion.date)] : []),
        ],
        variant: finding,
      };
    },
  },
  {
    id: 'PCB-19',
    section: 'core',
    title: { US: 'Safeguarding: under 18', UK: 'Safeguarding: under 18' },
    when: predicate(
      'minor',
      'PCB-19, R2-30',
      (p) => `age under ${p.safeguardingAge}`,
      (f, p) => f.ageYears !== undefined && f.ageYears < p.safeguardingAge,
    ),
    urgencies: ['routine', 'urgent'],
    parameters: ['safeguardingAge', 'safeguardingStrongAge', 'safeguardingMandatoryAge'],
    sources: { US: ['S30'], UK: ['S30'] },
    trace: { section: '§2 PCB-19; R2-16, R2-30', seeds: [] },
    gapTopics: ['birth-date'],
    recommendationText: {
      US: 'See the young person alone for part of the consultation; ask about consent, coercion and sexual abuse; local child-protection procedure and state reporting law; under the state age of consent: documented safeguarding assessment; under 13: mandatory report (urgent, warning)',
      UK: 'Working Together to Safeguard Children (2023); under 16: Fraser/Gillick competence and documented safeguarding assessment; under 13: always a safeguarding referral',
    },
    output: (f, p) => {
      const age = f.ageYears as number;
      const mandatory = age < p.safeguardingMandatoryAge;
      const strong = age < p.safeguardingStrongAge;
      const uk = p.jurisdiction === 'UK';
      const base = `See her alone for part of the consultation; ask about consent, coercion and sexual abuse; follow the local child-protection procedure${uk ? '' : ' and the state reporting law (the age of consent is 16–18 by state)'}. Sexual assault → forensic / sexual-assault service.`;
      const stronger = uk
        ? ' Under 16: assess Fraser/Gillick competence and document a safeguarding assessment.'
        : ' Below the state age of consent (16–18 by state): document a safeguarding assessment and check the state reporting duty.';
      return {
        urgency: mandatory ? 'urgent' : 'routine',
        summary: mandatory
          ? `Age ${age}: sexual activity under ${p.safeguardingMandatoryAge} — mandatory safeguarding ${uk ? 'referral' : 'report'} today`
          : `Age ${age}: safeguarding — ask about consent, coercion and abuse${strong ? (uk ? '; Gillick/Fraser assessment' : '; check state reporting duty') : ''}`,
        action: `safeguarding (${age})`,
        advice: mandatory
          ? `Under ${p.safeguardingMandatoryAge}, sexual activity is always a ${uk ? 'safeguarding referral to children’s social care' : 'mandatory child-protection report'}: make it today. ${base}`
          : `${base}${strong ? stronger : ''}`,
        orders: [],
        because: [ageLine(f)],
        variant: mandatory ? 'mandatory' : strong ? 'strong' : undefined,
      };
    },
  },
];

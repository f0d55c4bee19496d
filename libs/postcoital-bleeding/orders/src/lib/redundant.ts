import {
  ageLine,
  dated,
  elapsed,
  hasEpisodeScan,
  hasRecentNegativeNaat,
  hysterectomyLine,
  isPregnancyTestIndicated,
  menopauseLine,
  naatLine,
  pregnancyLine,
  screeningLine,
  wordsFor,
} from '@pcb-cds/postcoital-bleeding-rules';
import type { RuleId } from '@pcb-cds/postcoital-bleeding-rules';
import type { GuidelineDraftOrder } from './draft-order';
import type { DraftFinding } from './draft-verdict';
import type { DraftReviewContext } from './review-context';

type Check = (ctx: DraftReviewContext) => DraftFinding | undefined;

/**
 * (b) Drafts a current result (or the patient's anatomy) makes unnecessary. Only asked about drafts
 * no fired rule asks for: a rule that fires despite the result (e.g. `diagnosticCytologyWhenNotDue`)
 * has the last word.
 */
export function redundantByResult(draft: GuidelineDraftOrder, ctx: DraftReviewContext): DraftFinding | undefined {
  for (const check of CHECKS[draft.kind] ?? []) {
    const finding = check(ctx);
    if (finding) {
      return finding;
    }
  }
  return undefined;
}

/** PCB-40: no cervix, no cervical screening — unless CIN2+ history, when vaginal HPV-based testing continues (PCB-44). */
const noCervix: Check = ({ facts: f }) =>
  !f.hasCervix && !f.risks.cin2PlusHistory
    ? {
        concern: 'no-cervix',
        ruleIds: ['PCB-40'],
        advice:
          'No cervix (total hysterectomy) and no CIN2+ history: no cervical cytology or HPV testing. Examine the vaginal vault instead.',
        because: [hysterectomyLine(f)],
        replacement: [],
      }
    : undefined;

/**
 * PCB-11 collects cytology/HPV only when screening is not current; after an adequate screening
 * history past the exit age, PCB-42 examines instead. The UK programme never samples outside its interval.
 */
const screeningCurrent: Check = ({ facts: f }) => {
  if (!f.hasCervix || !f.screening.current) {
    return undefined;
  }
  const screenedOut = f.screening.schedule === 'adequately-screened-over-65';
  return {
    concern: 'screening-current',
    ruleIds: [screenedOut ? 'PCB-42' : 'PCB-11'],
    advice: screenedOut
      ? 'Adequately screened before the screening exit: no cytology or HPV test is due. Examine; diagnostic cytology/HPV or colposcopy only if the examination is abnormal.'
      : 'Cervical screening is current: no repeat cytology or HPV test is due. If the cervix looks abnormal, refer for colposcopy rather than repeating the test.',
    because: [ageLine(f), screeningLine(f)],
    replacement: [],
  };
};

/** PCB-13 exclusion: a negative CT/NG NAAT within the recent window and no new partner since. */
const recentNegativeNaat: Check = ({ facts: f, parameters: p }) => {
  const last = f.sti.lastNaat;
  return last && hasRecentNegativeNaat(f, p)
    ? {
        concern: 'recent-negative-naat',
        ruleIds: ['PCB-13'],
        advice: `Chlamydia/${wordsFor(p).gonorrhoea} NAAT was negative ${elapsed(last.date, f.today)} ago (within ${p.stiRecentNegativeMonths} months) with no new partner since: no repeat test is needed now.`,
        because: [naatLine(f), dated('New sexual partner since the test', 'none recorded')],
        replacement: [],
      }
    : undefined;
};

/** PCB-40/41/04: a pregnancy test needs a uterus. */
const noUterus: Check = ({ facts: f }) => {
  if (f.hasCorpus) {
    return undefined;
  }
  const rule: RuleId = f.hysterectomy.class === 'subtotal' ? 'PCB-41' : f.hysterectomy.class === 'total' ? 'PCB-40' : 'PCB-04';
  return {
    concern: 'no-uterus',
    ruleIds: [rule],
    advice: 'No uterus on record (hysterectomy): a pregnancy test is not needed.',
    because: [hysterectomyLine(f)],
    replacement: [],
  };
};

/** PCB-14 "pregnancy ≠ yes": once pregnancy is established a qualitative test adds nothing. */
const pregnancyEstablished: Check = ({ facts: f }) =>
  f.pregnancy.status === 'yes'
    ? {
        concern: 'pregnancy-established',
        ruleIds: ['PCB-14'],
        advice: 'Pregnancy is already established: a qualitative pregnancy test adds nothing. Follow the pregnancy pathway.',
        because: [pregnancyLine(f)],
        replacement: [],
      }
    : undefined;

/** PCB-14 "no negative hCG ≤ hcgRecentDays"; PCB-50/54 order a quantitative hCG only where PCB-14's conditions hold (R2-3). */
const recentNegativeHcg: Check = ({ facts: f, parameters: p }) => {
  const negative = f.pregnancy.recentNegativeTest;
  return negative
    ? {
        concern: 'recent-negative-hcg',
        ruleIds: ['PCB-14'],
        advice: `Pregnancy test negative on ${negative.date} (within ${p.hcgRecentDays} days): no repeat needed, quantitative or not, unless she may have conceived since.`,
        because: [dated('Pregnancy test', 'negative', negative.date)],
        replacement: [],
      }
    : undefined;
};

/**
 * PCB-14's other conditions (R2-3: PCB-50/54 order hCG only where they hold): postmenopausal, outside
 * the age range, or within weeks of a pregnancy ending (hCG can stay positive) → the test answers nothing.
 */
const pregnancyTestNotIndicated: Check = ({ facts: f, parameters: p }) => {
  if (f.pregnancy.status === 'yes' || isPregnancyTestIndicated(f, p) || !f.hasCorpus || f.pregnancy.recentNegativeTest) {
    return undefined;
  }
  const age = f.ageYears;
  const [advice, because] =
    f.menopause.status === 'post'
      ? ['Postmenopausal: a pregnancy test is not indicated, whatever the bleeding.', menopauseLine(f)]
      : age !== undefined && (age < p.hcgMinAge || age > p.hcgMaxAge)
        ? [`At ${age} a pregnancy test is not indicated (it is asked for from ${p.hcgMinAge} to ${p.hcgMaxAge}).`, ageLine(f)]
        : [
            `The pregnancy ended ${f.pregnancy.ended?.weeksSince ?? 'a few'} weeks ago: hCG can stay positive, so a test would not answer.`,
            pregnancyLine(f),
          ];
  return { concern: 'pregnancy-test-not-indicated', ruleIds: ['PCB-14'], advice, because: [because], replacement: [] };
};

/**
 * PCB-20 is suppressed by any transvaginal scan result of this episode within the recent window
 * (R2-8, R2-24): the scan is done; what follows is PCB-21 (sampling), not another scan.
 */
const recentEndometrialScan: Check = ({ facts: f, parameters: p }) => {
  const et = f.endometrialThickness;
  if (!et || !hasEpisodeScan(f, p)) {
    return undefined;
  }
  const result = et.mm === undefined ? 'endometrium not visualised' : `${et.mm} mm`;
  return {
    concern: 'recent-endometrial-scan',
    ruleIds: ['PCB-20'],
    advice: `Transvaginal ultrasound on ${et.date} (${result}, during this episode of bleeding): no repeat scan is needed; a thick or non-visualised endometrium, or persistent bleeding → endometrial sampling.`,
    because: [dated('Endometrial thickness', result, et.date)],
    replacement: [],
  };
};

const CHECKS: Partial<Record<GuidelineDraftOrder['kind'], readonly Check[]>> = {
  'cervical-cytology': [noCervix, screeningCurrent],
  'hpv-test': [noCervix, screeningCurrent],
  'ct-ng-naat': [recentNegativeNaat],
  'urine-hcg': [noUterus, pregnancyEstablished, recentNegativeHcg, pregnancyTestNotIndicated],
  'serum-quantitative-hcg': [noUterus, recentNegativeHcg, pregnancyTestNotIndicated],
  'transvaginal-ultrasound': [recentEndometrialScan],
};

import type { GuidelineParameters, PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import { daysBetween } from '@pcb-cds/postcoital-bleeding-facts';
import { all, any, not, predicate } from './condition';
import { ageLine, ago, dated, duration, menopauseLine, pcbLine, recordText } from './fact-lines';
import { ageOrAdult, hasEpisodeScan, PREDICATES } from './predicates';
import type { FactLine } from './recommendation';
import type { Rule } from './rule';

type F = PostcoitalBleedingFacts;
type P = GuidelineParameters;

/** "endometrial thickness 7 mm" / "endometrium not visualised". */
const scanText = (scan: NonNullable<F['endometrialThickness']>): string =>
  scan.mm === undefined || scan.notVisualised ? 'endometrium not visualised' : `endometrial thickness ${scan.mm} mm`;

const scanLine = (f: F): FactLine[] =>
  f.endometrialThickness ? [dated('Transvaginal ultrasound', scanText(f.endometrialThickness), f.endometrialThickness.date)] : [];

/** R2-24 UK: from 55 a primary-care scan does not replace the suspected-cancer referral. */
const ukReferralAge = 55;

const scanSuppressesPmbWorkUp = (f: F, p: P): boolean =>
  hasEpisodeScan(f, p) && !(p.jurisdiction === 'UK' && ageOrAdult(f, p) >= ukReferralAge);

const thickOrNotSeen = (f: F, p: P): boolean => {
  const scan = f.endometrialThickness;
  return Boolean(scan && (scan.mm === undefined || scan.notVisualised || scan.mm > p.endometrialThicknessMm));
};

const persistingAfterThinScan = (f: F, p: P): boolean => {
  const scan = f.endometrialThickness;
  const weeks = ageOrAdult(f, p) >= p.persistOlderFromAge ? p.persistWeeksOlder : p.persistWeeks;
  return Boolean(
    scan && scan.mm !== undefined && scan.mm <= p.endometrialThicknessMm && f.pcb.days !== undefined && f.pcb.days >= weeks * 7,
  );
};

/** §2 postmenopausal and endometrial rules PCB-20…25. */
export const postmenopausalRules: Rule[] = [
  {
    id: 'PCB-20',
    section: 'postmenopausal',
    title: { US: 'Postmenopausal bleeding', UK: 'Postmenopausal bleeding' },
    when: all(
      PREDICATES.postmenopausal,
      PREDICATES.hasUterus,
      not(PREDICATES.tamoxifen),
      not(
        predicate(
          'episodeScan',
          'PCB-20, R2-8, R2-24',
          (p) =>
            `a transvaginal ultrasound result (any thickness, or not visualised) dated on or after the start of this episode and ≤${p.endometrialThicknessRecentDays} d (UK, age ≥55: does not suppress)`,
          scanSuppressesPmbWorkUp,
        ),
      ),
    ),
    urgencies: ['urgent'],
    parameters: ['endometrialThicknessMm', 'endometrialThicknessRecentDays'],
    sources: { US: ['S9'], UK: ['S20', 'S23'] },
    trace: { section: '§2 PCB-20; R2-8, R2-13, R2-24', seeds: ['000', '002'] },
    gapTopics: ['menopause'],
    recommendationText: {
      US: 'Manage as postmenopausal bleeding: prompt TVUS (ET ≤4 mm: >99% NPV) or office endometrial biopsy; examine (atrophy, lesions)',
      UK: 'Age ≥55: urgent suspected cancer referral (2-week wait); <55: consider it',
    },
    output: (f, p) => {
      const age = ageOrAdult(f, p);
      const uk = p.jurisdiction === 'UK';
      const scan = f.endometrialThickness;
      const cautions =
        scan && !scanSuppressesPmbWorkUp(f, p)
          ? [
              uk && hasEpisodeScan(f, p)
                ? `A primary-care scan (${scanText(scan)}, ${ago(scan.date, f.today)}) does not replace the suspected-cancer referral from ${ukReferralAge}.`
                : `The scan ${ago(scan.date, f.today)} (${scanText(scan)}) predates this bleeding episode, so it does not answer it.`,
            ]
          : [];
      if (uk) {
        const refer = age >= ukReferralAge;
        return {
          urgency: 'urgent',
          summary: `URGENT: postmenopausal bleeding at ${age}: ${refer ? 'urgent suspected cancer referral (2-week wait)' : 'consider urgent suspected cancer referral'}`,
          action: 'postmenopausal bleeding: 2-week wait',
          advice: `Postcoital bleeding after the menopause is postmenopausal bleeding: ${refer ? 'urgent suspected cancer referral (2-week wait) to gynaecology (NG12, age 55 or over)' : 'consider an urgent suspected cancer referral (2-week wait; NG12, under 55)'}; examine for atrophy and cervical or vaginal lesions.`,
          cautions,
          orders: [
            {
              kind: 'gynecology-referral',
              priority: 'urgent',
              reason: `postmenopausal bleeding at ${age}: urgent suspected cancer referral (2-week wait)`,
            },
          ],
          because: [menopauseLine(f), ageLine(f), ...scanLine(f)],
          variant: 'UK',
        };
      }
      return {
        urgency: 'urgent',
        summary: `URGENT: postmenopausal bleeding at ${age}: transvaginal ultrasound or endometrial biopsy within 2 weeks`,
        action: 'postmenopausal bleeding: TVUS or biopsy',
        advice: `Manage as postmenopausal bleeding: prompt transvaginal ultrasound (endometrial thickness ≤${p.endometrialThicknessMm} mm has >99% negative predictive value) or office endometrial biopsy; examine for atrophy and cervical or vaginal lesions.`,
        cautions,
        orders: [
          { kind: 'transvaginal-ultrasound', priority: 'urgent', reason: 'postmenopausal bleeding: endometrial thickness' },
          { kind: 'endometrial-biopsy', priority: 'urgent', reason: 'postmenopausal bleeding: alternative to ultrasound' },
        ],
        because: [menopauseLine(f), ageLine(f), ...scanLine(f)],
      };
    },
  },
  {
    id: 'PCB-21',
    section: 'postmenopausal',
    title: { US: 'Endometrial sampling', UK: 'Endometrial sampling' },
    when: all(
      PREDICATES.postmenopausal,
      PREDICATES.hasUterus,
      any(
        predicate(
          'thickOrNotSeen',
          'PCB-21, R2-8',
          (p) => `endometrial thickness >${p.endometrialThicknessMm} mm or endometrium not visualised`,
          thickOrNotSeen,
        ),
        predicate(
          'persistingAfterThinScan',
          'PCB-21',
          (p) =>
            `bleeding persisting ≥${p.persistWeeks} weeks (≥${p.persistWeeksOlder} from ${p.persistOlderFromAge}) after ET ≤${p.endometrialThicknessMm} mm`,
          persistingAfterThinScan,
        ),
      ),
    ),
    urgencies: ['urgent'],
    parameters: ['endometrialThicknessMm', 'persistWeeks', 'persistWeeksOlder'],
    sources: { US: ['S9'], UK: ['S20', 'S9'] },
    trace: { section: '§2 PCB-21; R2-8', seeds: [] },
    gapTopics: [],
    recommendationText: {
      US: 'Endometrial sampling (endometrial biopsy order); persistent bleeding after benign blind sampling → hysteroscopy with D&C or sonohysterography',
      UK: 'Secondary-care pathway after the urgent suspected cancer referral',
    },
    output: (f, p) => {
      const scan = f.endometrialThickness as NonNullable<F['endometrialThickness']>;
      const thick = thickOrNotSeen(f, p);
      const uk = p.jurisdiction === 'UK';
      return {
        urgency: 'urgent',
        summary: thick
          ? `URGENT: ${scanText(scan)} on ultrasound ${ago(scan.date, f.today)}${scan.mm !== undefined ? ` (>${p.endometrialThicknessMm} mm)` : ''}: endometrial biopsy`
          : `URGENT: bleeding persists ${duration(f.pcb.days ?? 0)} after a thin endometrium: endometrial sampling`,
        action: 'endometrial biopsy',
        advice: `${thick ? `${scanText(scan)[0].toUpperCase()}${scanText(scan).slice(1)}: endometrial sampling.` : 'Bleeding persists after a thin endometrium: endometrial sampling; after benign blind sampling, hysteroscopy with D&C (or sonohysterography).'}${uk ? ' Through the urgent suspected cancer (2-week wait) pathway.' : ''}`,
        notNeeded: [`Repeat transvaginal ultrasound: the scan ${ago(scan.date, f.today)} has answered it.`],
        orders: [
          {
            kind: 'endometrial-biopsy',
            priority: 'urgent',
            reason: thick ? scanText(scan) : 'persistent postmenopausal bleeding after a thin endometrium',
          },
        ],
        because: [...scanLine(f), ...(thick ? [] : [pcbLine(f)])],
        variant: thick ? undefined : 'persisting',
      };
    },
  },
  {
    id: 'PCB-22',
    section: 'postmenopausal',
    title: { US: 'On systemic HRT', UK: 'On systemic HRT' },
    when: all(
      PREDICATES.postmenopausal,
      predicate('systemicHrt', '§1 meds', 'active systemic HRT', (f) => Boolean(f.risks.systemicHrt)),
    ),
    urgencies: ['routine'],
    parameters: ['hrtReviewAfterMonths'],
    sources: { US: ['S9', 'S25'], UK: ['S25'] },
    trace: { section: '§2 PCB-22; R2-15', seeds: [] },
    gapTopics: [],
    recommendationText: {
      US: 'Names the HRT product and how long it has been taken: HRT does not explain the bleeding; evaluate as postmenopausal bleeding; review the regimen',
      UK: 'NG23: unscheduled bleeding in the first 3 months → review at routine follow-up; beyond 3 months → prompt review',
    },
    output: (f, p) => {
      const hrt = f.risks.systemicHrt as NonNullable<F['risks']['systemicHrt']>;
      const product = hrt.display ? recordText(hrt.display) : 'systemic HRT';
      const since = hrt.startedOn;
      const months = since ? Math.floor(daysBetween(since, f.today) / 30.44) : undefined;
      const taken = since ? `for ${duration(daysBetween(since, f.today))}` : 'for an unknown time (no start date)';
      const beyond = months === undefined || months >= p.hrtReviewAfterMonths;
      const conclusion = beyond
        ? `beyond ${p.hrtReviewAfterMonths} months of HRT, unscheduled bleeding needs prompt review (NG23)`
        : `within the first ${p.hrtReviewAfterMonths} months of HRT, unscheduled bleeding can be reviewed at routine follow-up (NG23) — but postcoital bleeding is still evaluated`;
      return {
        urgency: 'routine',
        summary: `On ${product} ${taken}: HRT does not explain the bleeding — evaluate it`,
        action: `on HRT ${taken}`,
        advice: `${product}, taken ${taken}: ${conclusion}. HRT does not explain postcoital bleeding: evaluate as postmenopausal bleeding and review the regimen (sequential or continuous combined).`,
        orders: [],
        because: [dated('Systemic HRT', hrt.display ?? 'active', since ?? hrt.date), menopauseLine(f)],
        variant: beyond ? 'beyond-review-period' : 'early',
      };
    },
  },
  {
    id: 'PCB-23',
    section: 'postmenopausal',
    title: { US: 'Postmenopausal bleeding on tamoxifen', UK: 'Postmenopausal bleeding on tamoxifen' },
    when: all(PREDICATES.postmenopausal, PREDICATES.hasUterus, PREDICATES.tamoxifen),
    suppresses: ['PCB-20'],
    urgencies: ['urgent'],
    parameters: [],
    sources: { US: ['S10'], UK: ['S20', 'S10'] },
    trace: { section: '§2 PCB-23', seeds: [] },
    gapTopics: [],
    recommendationText: {
      US: 'Any bleeding investigated: endometrial sampling preferred; ET ≤4 mm alone does not end the work-up; inform oncology',
      UK: 'Urgent suspected cancer referral (2-week wait)',
    },
    output: (f, p) => {
      const uk = p.jurisdiction === 'UK';
      return {
        urgency: 'urgent',
        summary: uk
          ? 'URGENT: postmenopausal bleeding on tamoxifen: urgent suspected cancer referral (2-week wait)'
          : 'URGENT: postmenopausal bleeding on tamoxifen: endometrial sampling; inform oncology',
        action: 'endometrial sampling (tamoxifen)',
        advice: `Postmenopausal bleeding on tamoxifen must be investigated: ${uk ? 'urgent suspected cancer referral (2-week wait) for endometrial assessment' : 'endometrial sampling (office biopsy or hysteroscopy) preferred'}; a thin endometrium on ultrasound alone does not end the work-up; inform oncology.`,
        orders: [
          uk
            ? {
                kind: 'gynecology-referral',
                priority: 'urgent',
                reason: 'postmenopausal bleeding on tamoxifen: urgent suspected cancer referral',
              }
            : { kind: 'endometrial-biopsy', priority: 'urgent', reason: 'postmenopausal bleeding on tamoxifen' },
        ],
        because: [dated('Tamoxifen', 'active', f.risks.tamoxifen?.date), menopauseLine(f)],
        variant: uk ? 'UK' : undefined,
      };
    },
  },
  {
    id: 'PCB-24',
    section: 'postmenopausal',
    title: { US: 'Tamoxifen before the menopause', UK: 'Tamoxifen before the menopause' },
    when: all(
      PREDICATES.tamoxifen,
      predicate(
        'premenopausal',
        '§1 menopause',
        'pre- or perimenopausal',
        (f) => f.menopause.status === 'pre' || f.menopause.status === 'peri',
      ),
    ),
    urgencies: ['routine'],
    parameters: [],
    sources: { US: ['S10'], UK: ['S10'] },
    trace: { section: '§2 PCB-24', seeds: [] },
    gapTopics: [],
    recommendationText: { US: 'No increased uterine-cancer risk; no extra endometrial surveillance; standard work-up' },
    output: (f) => ({
      urgency: 'routine',
      summary: 'On tamoxifen before the menopause: standard work-up, no extra endometrial surveillance',
      action: 'tamoxifen: standard work-up',
      advice:
        'Premenopausal on tamoxifen: no increased uterine-cancer risk and no extra endometrial surveillance; standard postcoital bleeding work-up.',
      orders: [],
      because: [dated('Tamoxifen', 'active', f.risks.tamoxifen?.date), menopauseLine(f)],
    }),
  },
  {
    id: 'PCB-25',
    section: 'postmenopausal',
    title: { US: 'Irregular bleeding at 45 or older', UK: 'Irregular bleeding at 45 or older' },
    when: all(
      PREDICATES.hasUterus,
      not(PREDICATES.postmenopausal),
      not(PREDICATES.pregnant),
      predicate('age45', 'PCB-25', 'age ≥45', (f) => f.ageYears !== undefined && f.ageYears >= 45),
      predicate('intermenstrual', 'PCB-25', 'other irregular or intermenstrual bleeding', (f) =>
        Boolean(f.redFlags.intermenstrualBleeding),
      ),
    ),
    urgencies: ['soon'],
    parameters: [],
    sources: { US: ['S11', 'S23'], UK: ['S23'] },
    trace: { section: '§2 PCB-25', seeds: ['000'] },
    gapTopics: [],
    recommendationText: { US: 'Consider endometrial sampling ± TVUS', UK: 'Intermenstrual bleeding over 45: refer / TVUS' },
    output: (f, p) => ({
      urgency: 'soon',
      summary: `Intermenstrual bleeding at ${f.ageYears}: consider endometrial sampling ± transvaginal ultrasound`,
      action: 'endometrial sampling',
      advice: `Intermenstrual bleeding at 45 or older: consider endometrial sampling ± transvaginal ultrasound${p.jurisdiction === 'UK' ? ', or refer to gynaecology' : ''}.`,
      orders: [
        { kind: 'endometrial-biopsy', priority: 'routine', reason: 'irregular bleeding at age ≥45' },
        { kind: 'transvaginal-ultrasound', priority: 'routine', reason: 'irregular bleeding at age ≥45' },
      ],
      because: [ageLine(f), dated('Intermenstrual bleeding', 'yes', f.redFlags.intermenstrualBleeding?.date)],
    }),
  },
];

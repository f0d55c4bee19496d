import { all, not, predicate } from './condition';
import { ageLine, dated, hysterectomyLine, menopauseLine, pregnancyLine } from './fact-lines';
import { PREDICATES } from './predicates';
import type { Rule } from './rule';
import { wordsFor } from './words';

/** §2 data-quality rules PCB-01…04: the record contradicts itself or lacks what the rules need. */
export const dataQualityRules: Rule[] = [
  {
    id: 'PCB-01',
    section: 'data-quality',
    title: { US: 'Pregnancy has ended', UK: 'Pregnancy has ended' },
    when: predicate(
      'pregnancyEnded',
      'PCB-01, R2-25',
      'positive pregnancy evidence followed by a delivery, completed abortion or later "not pregnant"',
      (f) => Boolean(f.pregnancy.conflict && f.pregnancy.ended),
    ),
    urgencies: ['routine'],
    parameters: ['postPregnancyWeeks'],
    sources: { US: ['S15'], UK: ['S26'] },
    trace: { section: '§2 PCB-01; R2-15, R2-25', seeds: [] },
    gapTopics: ['pregnancy'],
    recommendationText: {
      US: 'Treated as not pregnant; "pregnancy ended n weeks ago" with the postpartum differential (lactational atrophy, granulation tissue, progestogen contraception); ≤6 wk: obstetric provider (obstetrics referral); confirm the pregnancy status',
    },
    output: (f, p) => {
      const ended = f.pregnancy.ended as NonNullable<typeof f.pregnancy.ended>;
      const recent = ended.weeksSince <= p.postPregnancyWeeks;
      const w = wordsFor(p);
      const weeks = `${ended.weeksSince} week${ended.weeksSince === 1 ? '' : 's'}`;
      return {
        urgency: 'routine',
        summary: `Pregnancy ended ${weeks} ago: consider postpartum causes of the bleeding`,
        action: `pregnancy ended ${weeks} ago`,
        advice: `Pregnancy ended ${weeks} ago. Consider postpartum causes: lactational (low-${w.oestrogen}) atrophy, granulation tissue at a tear or scar, and progestogen-only contraception.${
          recent
            ? ` Within ${p.postPregnancyWeeks} weeks of the pregnancy ending, involve the obstetric provider; an hCG test may stay positive and is not needed.`
            : ''
        } Update the pregnancy status in the record if it still reads pregnant.`,
        orders: recent
          ? [
              {
                kind: 'obstetrics-referral',
                priority: 'urgent',
                reason: `bleeding within ${p.postPregnancyWeeks} weeks of a pregnancy ending`,
              },
            ]
          : [],
        because: [pregnancyLine(f), dated('Pregnancy ended', `${weeks} ago`, ended.date)],
        variant: recent ? 'ended-recently' : undefined,
      };
    },
  },
  {
    id: 'PCB-02',
    section: 'data-quality',
    title: { US: 'Menopausal status unknown', UK: 'Menopausal status unknown' },
    when: all(
      PREDICATES.hasUterus,
      not(PREDICATES.pregnant),
      predicate(
        'menopauseUnknown',
        'PCB-02',
        (p) => `menopausal status unknown (age ${p.menopauseUnknownFromAge}–${p.assumePostmenopausalAge - 1}, no LMP or menopause record)`,
        (f) => f.menopause.status === 'unknown',
      ),
    ),
    urgencies: ['routine'],
    parameters: ['menopauseUnknownFromAge', 'assumePostmenopausalAge', 'amenorrhoeaMonths', 'amenorrhoeaMinAge'],
    sources: { US: ['S25', 'S9'], UK: ['S25'] },
    trace: { section: '§2 PCB-02', seeds: [] },
    gapTopics: ['menopause'],
    recommendationText: {
      US: 'Record LMP and menopausal status; ≥12 months amenorrhoea after 45 → manage as postmenopausal bleeding; do not dismiss an endometrial source',
    },
    output: (f, p) => ({
      urgency: 'routine',
      summary: `Menopausal status unknown at ${f.ageYears ?? 'unknown age'}: record the last menstrual period`,
      action: 'record LMP/menopause',
      advice: `Ask for and record the last menstrual period and menopausal status. ${p.amenorrhoeaMonths} months or more without a period after ${p.amenorrhoeaMinAge} → manage as postmenopausal bleeding. Until clarified, do not dismiss an endometrial source.`,
      orders: [],
      because: [ageLine(f), menopauseLine(f)],
    }),
  },
  {
    id: 'PCB-03',
    section: 'data-quality',
    title: { US: 'No cervical screening on record', UK: 'No cervical screening on record' },
    when: all(
      PREDICATES.hasCervix,
      PREDICATES.inScreeningAgeBand,
      predicate('noScreeningResult', 'PCB-03', 'no cytology or HPV result anywhere in the record', (f) => !f.screening.anyResult),
    ),
    urgencies: ['routine'],
    parameters: ['screenMinAge', 'screenMaxAge'],
    sources: { US: ['S1'], UK: ['S24'] },
    trace: { section: '§2 PCB-03', seeds: ['000'] },
    gapTopics: ['screening'],
    recommendationText: { US: 'Data gap: treat screening as not current (PCB-11); request outside records' },
    output: (f, p) => {
      const w = wordsFor(p);
      return {
        urgency: 'routine',
        summary: `No cervical screening result on record at ${f.ageYears ?? 'unknown age'}: ask for outside records`,
        action: 'find the last screen',
        advice: `No cervical cytology or HPV result anywhere in the record: screening is treated as not current. Ask when her last ${w.cervicalTest} was and request outside records.`,
        orders: [],
        because: [ageLine(f), dated('Cervical screening', 'no cytology or HPV result on record')],
      };
    },
  },
  {
    id: 'PCB-04',
    section: 'data-quality',
    title: { US: 'Hysterectomy type unclear', UK: 'Hysterectomy type unclear' },
    when: predicate(
      'hysterectomyAmbiguous',
      'PCB-04',
      'only ambiguous hysterectomy codes, or a cervical result dated after a "total" hysterectomy',
      (f) => Boolean(f.hysterectomy.ambiguity),
    ),
    urgencies: ['routine'],
    parameters: [],
    sources: { US: ['S6'], UK: ['S6'] },
    trace: { section: '§2 PCB-04; §4.4', seeds: [] },
    gapTopics: ['hysterectomy'],
    recommendationText: {
      US: 'Confirm whether the cervix was removed; meanwhile cervix present for examination/cytology rules, uterus absent for endometrial/hCG rules',
    },
    output: (f) => ({
      urgency: 'routine',
      summary: 'Hysterectomy recorded without saying whether the cervix was removed: confirm',
      action: 'confirm whether the cervix was removed',
      advice:
        f.hysterectomy.ambiguity === 'result-after-total'
          ? 'A cervical result is dated after a total hysterectomy: confirm whether the cervix was removed (operation note or examination). Meanwhile the cervix is treated as present and the uterus as absent.'
          : 'The hysterectomy record does not say whether the cervix was removed: confirm (operation note or examination). Meanwhile the cervix is treated as present and the uterus as absent.',
      orders: [],
      because: [hysterectomyLine(f)],
      variant: f.hysterectomy.ambiguity,
    }),
  },
];

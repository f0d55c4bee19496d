import type { PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import { all, not, predicate } from './condition';
import { ageLine, dated, hysterectomyLine, recordText, screeningLine } from './fact-lines';
import { ageOrAdult, isPregnant, PREDICATES } from './predicates';
import { anticoagulantTest } from './red-flag-orders';
import type { FactLine } from './recommendation';
import type { Rule } from './rule';
import { COLPOSCOPY_IN_PREGNANCY, wordsFor } from './words';

type F = PostcoitalBleedingFacts;

const immuneLine = (f: F): FactLine =>
  dated('Immune status', f.risks.hiv ? 'living with HIV' : 'immunosuppressed', f.risks.immunocompromised?.date ?? f.risks.hiv?.date);

/** §2 special populations PCB-40…45. */
export const specialPopulationRules: Rule[] = [
  {
    id: 'PCB-40',
    section: 'special-populations',
    title: { US: 'After total hysterectomy', UK: 'After total hysterectomy' },
    when: predicate('totalHysterectomy', '§1 hyst', 'total hysterectomy (no cervix)', (f) => f.hysterectomy.class === 'total'),
    urgencies: ['routine'],
    parameters: [],
    sources: { US: ['S1', 'S6'], UK: ['S20', 'S23'] },
    trace: { section: '§2 PCB-40', seeds: [] },
    gapTopics: ['hysterectomy'],
    recommendationText: {
      US: 'No routine cervical screening (CIN2+ history → PCB-44); speculum examination of the vaginal vault; vault lesion → biopsy/gynecology; mass → PCB-53. No cervical screening, hCG or endometrial work-up (no cervix, no uterus)',
      UK: 'NG12: unexplained vaginal mass → consider urgent suspected cancer referral',
    },
    output: (f, p) => {
      const w = wordsFor(p);
      return {
        urgency: 'routine',
        summary: 'After total hysterectomy: examine the vaginal vault; no cervical screening or pregnancy test',
        action: 'vaginal vault examination',
        advice: `No cervix: speculum examination of the vaginal vault (granulation tissue, atrophy, vault prolapse, vaginal intraepithelial neoplasia or cancer). A vault lesion → biopsy / ${w.gynaecology}; a mass → ${w.uk ? 'consider an urgent suspected cancer referral (NG12)' : 'urgent assessment'}.`,
        notNeeded: [
          `Cervical screening, pregnancy test and endometrial work-up: not needed — no cervix or uterus after total hysterectomy${f.hysterectomy.date ? ` (${f.hysterectomy.date})` : ''}.`,
        ],
        orders: [],
        because: [hysterectomyLine(f)],
      };
    },
  },
  {
    id: 'PCB-41',
    section: 'special-populations',
    title: { US: 'After subtotal hysterectomy', UK: 'After subtotal hysterectomy' },
    when: predicate(
      'subtotalHysterectomy',
      '§1 hyst',
      'subtotal hysterectomy (cervix retained)',
      (f) => f.hysterectomy.class === 'subtotal',
    ),
    urgencies: ['routine'],
    parameters: [],
    sources: { US: ['S1'], UK: ['S24'] },
    trace: { section: '§2 PCB-41', seeds: [] },
    gapTopics: ['hysterectomy'],
    recommendationText: { US: 'Cervical rules apply (screening by age); endometrial rules and hCG do not' },
    output: (f) => ({
      urgency: 'routine',
      summary: 'Subtotal hysterectomy: cervix retained — cervical work-up applies; no pregnancy test',
      action: 'cervix retained',
      advice:
        'Subtotal hysterectomy: the cervix remains, so cervical screening by age and the cervical work-up apply; endometrial work-up and pregnancy test do not.',
      notNeeded: ['Pregnancy test and endometrial work-up: not needed — the uterus was removed.'],
      orders: [],
      because: [hysterectomyLine(f)],
    }),
  },
  {
    id: 'PCB-42',
    section: 'special-populations',
    title: { US: 'Screened out after 65 but symptomatic', UK: 'Screened out after 64 but symptomatic' },
    when: all(
      PREDICATES.hasCervix,
      predicate(
        'aboveScreeningExit',
        'PCB-42',
        (p) => `age >${p.screenMaxAge} (UK >64)`,
        (f, p) => ageOrAdult(f, p) > p.screenMaxAge,
      ),
      predicate('adequatelyScreenedOut', 'PCB-42', 'adequately screened before the exit', (f) => f.screening.adequatelyScreenedOut),
      not(
        predicate('cin2OrImmune', 'PCB-42', 'CIN2+ history or immunosuppression', (f) =>
          Boolean(f.risks.cin2PlusHistory || f.risks.immunocompromised),
        ),
      ),
    ),
    urgencies: ['routine'],
    parameters: ['screenMaxAge', 'adequateScreeningWindowYears', 'adequateScreeningLastWithinYears'],
    sources: { US: ['S4', 'S1'], UK: ['S23', 'S24'] },
    trace: { section: '§2 PCB-42; R2-15', seeds: [] },
    gapTopics: [],
    recommendationText: {
      US: 'The screening programme was exited and does not apply to symptoms: examine; diagnostic cytology/HPV or colposcopy if the examination is abnormal; postmenopausal → PCB-20',
      UK: 'Screening ceased at 65; symptomatic → examine; PMB ≥55 → 2-week wait',
    },
    output: (f, p) => ({
      urgency: 'routine',
      summary: `Age ${f.ageYears}: left cervical screening after adequate negatives — that does not apply to symptoms; examine`,
      action: 'screening exit does not apply: examine',
      advice: `She left the cervical screening programme after ${p.screenMaxAge} with adequate negative screening; the exit applies only to women without symptoms and does not apply to postcoital bleeding: examine, and take diagnostic cytology/HPV or refer for colposcopy if the cervix looks abnormal.`,
      orders: [],
      because: [ageLine(f), screeningLine(f)],
    }),
  },
  {
    id: 'PCB-43',
    section: 'special-populations',
    title: { US: 'HIV or immunosuppression', UK: 'Living with HIV or immunosuppressed' },
    when: predicate('immunocompromised', '§1 immuno', 'HIV or other immunosuppression', (f) =>
      Boolean(f.risks.immunocompromised || f.risks.hiv),
    ),
    urgencies: ['routine'],
    parameters: ['immunocompromisedCytologyMonths', 'immunocompromisedCytologyAfterThreeNormalMonths', 'immunocompromisedCotestMonths'],
    sources: { US: ['S8', 'S6'], UK: ['S24'] },
    trace: { section: '§2 PCB-43; R2-13', seeds: [] },
    gapTopics: [],
    recommendationText: {
      US: 'Lifelong screening (cytology yearly ×3 then 3-yearly, or cotest 3-yearly from 30); colposcopy for HPV-positive ASC-US or worse and any LSIL+; T. vaginalis NAAT; lower colposcopy threshold',
      UK: 'Women living with HIV: annual cervical screening (NHSCSP); other immunosuppression per local policy',
    },
    output: (f, p) => {
      const uk = p.jurisdiction === 'UK';
      const hiv = Boolean(f.risks.hiv);
      return {
        urgency: 'routine',
        summary: uk
          ? hiv
            ? 'Living with HIV: annual cervical screening; lower threshold for colposcopy'
            : 'Immunosuppressed: screening per local policy; lower threshold for colposcopy'
          : `${hiv ? 'HIV' : 'Immunosuppressed'}: lifelong screening schedule, T. vaginalis NAAT, lower colposcopy threshold`,
        action: hiv ? 'HIV: screening schedule' : 'immunosuppression: screening schedule',
        advice: uk
          ? `${hiv ? 'Women living with HIV have annual cervical screening (NHS Cervical Screening Programme)' : 'Other immunosuppression: screening interval per local policy'}; lower threshold for colposcopy if the bleeding persists.`
          : 'HIV or immunosuppression: lifelong screening (cytology yearly ×3 then 3-yearly, or cotest 3-yearly from 30); colposcopy for HPV-positive ASC-US or worse and any LSIL+; add T. vaginalis NAAT; lower threshold for colposcopy if the bleeding persists.',
        orders: uk ? [] : [{ kind: 'trichomonas-naat', priority: 'routine', reason: hiv ? 'living with HIV' : 'immunosuppressed' }],
        because: [immuneLine(f), screeningLine(f)],
        variant: uk ? 'UK' : undefined,
      };
    },
  },
  {
    id: 'PCB-44',
    section: 'special-populations',
    title: { US: 'Prior CIN2+ or cervical cancer', UK: 'Prior CIN2+ or cervical cancer' },
    when: predicate('cin2PlusHistory', 'PCB-44', 'CIN2+/AIS within 25 years (undated counts) or cervical cancer ever', (f) =>
      Boolean(f.risks.cin2PlusHistory),
    ),
    urgencies: ['soon', 'urgent'],
    parameters: ['postCin2SurveillanceYears', 'postCin2HpvMonths', 'postCin2HpvAfterThreeNegativeMonths'],
    sources: { US: ['S4', 'S6'], UK: ['S24', 'S20'] },
    trace: { section: '§2 PCB-44; R2-9, R2-31', seeds: [] },
    gapTopics: ['history-date'],
    cardGroup: 'colposcopy',
    recommendationText: {
      US: 'Colposcopy referral while symptomatic regardless of the last screen; after total hysterectomy: vaginal-vault assessment with vaginal colposcopy and vaginal HPV-based testing via gynecology (never cervical colposcopy); after cervical cancer: urgent gynecologic-oncology review (urgent); verify surveillance',
      UK: 'After cervical cancer: urgent suspected cancer referral; after hysterectomy for CIN: vault cytology per NHSCSP',
    },
    output: (f, p) => {
      const history = f.risks.cin2PlusHistory as NonNullable<F['risks']['cin2PlusHistory']>;
      const cancer = history.kind === 'cancer';
      const noCervix = f.hysterectomy.class === 'total';
      const uk = p.jurisdiction === 'UK';
      const w = wordsFor(p);
      const what = history.display ? recordText(history.display) : cancer ? 'cervical cancer' : 'CIN2+';
      if (cancer) {
        return {
          urgency: 'urgent',
          summary: `URGENT: previous cervical cancer${history.date ? '' : ' (undated)'}: ${uk ? 'urgent suspected cancer referral' : 'urgent gynecologic-oncology review'} for recurrence`,
          action: uk ? 'urgent suspected cancer referral' : 'gynecologic oncology',
          advice: `Previous cervical cancer with new bleeding: ${uk ? 'urgent suspected cancer referral (2-week wait)' : 'urgent gynecologic-oncology review'} for possible recurrence; include previous treatment details in the referral.`,
          cautions: isPregnant(f) ? [COLPOSCOPY_IN_PREGNANCY] : [],
          orders: [
            uk
              ? {
                  kind: 'gynecology-referral',
                  priority: 'urgent',
                  reason: 'urgent suspected cancer referral: previous cervical cancer with bleeding',
                }
              : { kind: 'oncology-referral', priority: 'urgent', reason: 'previous cervical cancer with bleeding: possible recurrence' },
          ],
          because: [dated('Cervical history', history.display ?? 'cervical cancer', history.date)],
          variant: 'cancer',
        };
      }
      return {
        urgency: 'soon',
        summary: noCervix
          ? `Previous CIN2+, no cervix: vaginal vault assessment with vaginal colposcopy via ${w.gynaecology}`
          : `Previous CIN2+${history.date ? '' : ' (undated)'}: refer for colposcopy while symptomatic`,
        action: noCervix ? 'vault assessment via gynaecology' : 'colposcopy referral',
        advice: noCervix
          ? `Previous ${what} and no cervix: vaginal-vault assessment with vaginal colposcopy and vaginal HPV-based testing via ${w.gynaecology}${uk ? '; after hysterectomy for CIN, vault cytology per the NHS Cervical Screening Programme' : ''}. Include previous colposcopy/excision details in the referral.`
          : `Previous ${what}: refer for colposcopy while symptomatic, whatever the last screen; verify surveillance (HPV-based testing yearly until 3 negatives, then 3-yearly for 25 years, continuing past 65). Include previous colposcopy/excision details in the referral.`,
        cautions: isPregnant(f) ? [COLPOSCOPY_IN_PREGNANCY] : [],
        orders: [
          noCervix
            ? {
                kind: 'gynecology-referral',
                priority: 'routine',
                reason: 'vaginal vault assessment with vaginal colposcopy: previous CIN2+',
              }
            : { kind: 'colposcopy', priority: 'routine', reason: 'symptomatic with previous CIN2+' },
        ],
        because: [dated('Cervical history', history.display ?? 'CIN2 or worse', history.date), ...(noCervix ? [hysterectomyLine(f)] : [])],
        variant: noCervix ? 'no-cervix' : undefined,
      };
    },
  },
  {
    id: 'PCB-45',
    section: 'special-populations',
    title: { US: 'Anticoagulant or bleeding disorder', UK: 'Anticoagulant or bleeding disorder' },
    when: predicate('anticoagulantOrBleedingDisorder', '§1 meds', 'anticoagulant or known bleeding disorder', (f) =>
      Boolean(f.risks.anticoagulant || f.risks.bleedingDisorder),
    ),
    urgencies: ['routine'],
    parameters: [],
    sources: { US: ['S28'], UK: ['S28', 'S23'] },
    trace: { section: '§2 PCB-45; R2-26', seeds: [] },
    gapTopics: [],
    recommendationText: {
      US: 'Does not explain PCB: complete the structural evaluation; heavy or unstable → PCB-50/54 with the drug-specific test (R2-26), coordinate with the prescriber',
    },
    output: (f) => {
      const drug = f.risks.anticoagulant;
      const test = anticoagulantTest(f, 'anticoagulated');
      return {
        urgency: 'routine',
        summary: `${drug ? `On ${drug.display ? recordText(drug.display) : 'an anticoagulant'}` : 'Bleeding disorder'}: does not explain postcoital bleeding — complete the evaluation`,
        action: drug ? 'anticoagulant: complete work-up' : 'bleeding disorder: complete work-up',
        advice: `Anticoagulation or a bleeding disorder does not explain postcoital bleeding: complete the structural evaluation.${test.words ? ` If bleeding is heavy: ${test.words}, and coordinate with the prescriber.` : ''}`,
        orders: [],
        because: [
          drug
            ? dated('Anticoagulant', drug.display ?? 'active', drug.date)
            : dated('Bleeding disorder', 'yes', f.risks.bleedingDisorder?.date),
        ],
      };
    },
  },
];

import type { GuidelineParameters, PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import { all, any, not, predicate } from './condition';
import { acuteFindingText, acuteLines, dated } from './fact-lines';
import { isPregnancyTestIndicated, PREDICATES } from './predicates';
import { anticoagulantTest, hcgNotNeeded, redFlagHcgOrder } from './red-flag-orders';
import type { OrderAdvice } from './recommendation';
import type { Rule } from './rule';
import { wordsFor } from './words';

type F = PostcoitalBleedingFacts;
type P = GuidelineParameters;

/** Pregnancy not excluded at reproductive age: ectopic pregnancy is on the differential (R2-11, R2-29). */
const pregnancyNotExcluded = (f: F, p: P): boolean => f.pregnancy.status === 'unknown' && isPregnancyTestIndicated(f, p);

/** " (SBP 118, HR 96)" from the current readings, or a prompt to take them. */
const observations = (f: F): string => {
  const { systolicBp, heartRate } = f.vitalSigns ?? {};
  const values = [systolicBp && `SBP ${systolicBp.value}`, heartRate && `HR ${heartRate.value}`].filter(Boolean);
  return values.length ? ` (${values.join(', ')})` : ', no current observations — take them now';
};

const hcg = (f: F, p: P): OrderAdvice[] => {
  const order = redFlagHcgOrder(f, p);
  return order ? [order] : [];
};

/** §2 red flags PCB-50…54. */
export const redFlagRules: Rule[] = [
  {
    id: 'PCB-50',
    section: 'red-flags',
    title: { US: 'Heavy bleeding', UK: 'Heavy bleeding' },
    when: all(not(PREDICATES.pregnant), PREDICATES.heavyBleeding, not(PREDICATES.haemodynamicallyUnstable)),
    urgencies: ['emergency'],
    parameters: ['acuteSymptomHours'],
    sources: { US: ['S12'], UK: ['S12'] },
    trace: { section: '§2 PCB-50; R2-2, R2-3, R2-20, R2-26', seeds: ['002', '003'] },
    gapTopics: [],
    recommendationText: {
      US: 'Emergency same-day assessment: CBC, type & screen; quantitative hCG only where PCB-14’s conditions hold; anticoagulated → the drug’s own test stat; identify the source (cervical tumour, laceration)',
      UK: 'Same (A&E, FBC, group and save)',
    },
    output: (f, p) => {
      const w = wordsFor(p);
      const coag = anticoagulantTest(f, 'heavy bleeding on an anticoagulant');
      return {
        urgency: 'emergency',
        summary: `Heavy bleeding${observations(f)}: same-day ${w.ed} assessment; ${w.cbc}, ${w.groupAndScreen}`,
        action: `same-day ${w.ed}`,
        advice: `Emergency same-day assessment (${w.ed}): check observations, ${w.cbc}, ${w.groupAndScreen}${hcg(f, p).length ? ', quantitative hCG' : ''}${coag.words ? `, ${coag.words} now — coordinate with the prescriber` : ''}; identify the source (cervical ${w.tumour}, laceration). ${w.call[0].toUpperCase()}${w.call.slice(1)} if she becomes faint or bleeding increases.`,
        notNeeded: [hcgNotNeeded(f, p)].filter((l): l is string => Boolean(l)),
        orders: [
          { kind: 'emergency-referral', priority: 'stat', reason: 'heavy bleeding' },
          { kind: 'cbc', priority: 'stat', reason: 'heavy bleeding' },
          { kind: 'abo-rh-group', priority: 'stat', reason: 'heavy bleeding' },
          { kind: 'antibody-screen', priority: 'stat', reason: 'heavy bleeding' },
          ...hcg(f, p),
          ...coag.orders,
        ],
        because: [
          ...acuteLines(f),
          ...(f.risks.anticoagulant ? [dated('Anticoagulant', f.risks.anticoagulant.display ?? 'active', f.risks.anticoagulant.date)] : []),
        ],
      };
    },
  },
  {
    id: 'PCB-51',
    section: 'red-flags',
    title: { US: 'Fever or pelvic pain', UK: 'Fever or pelvic pain' },
    when: all(not(PREDICATES.pregnant), any(PREDICATES.fever, PREDICATES.pelvicPain)),
    urgencies: ['urgent'],
    parameters: ['acuteSymptomHours', 'feverCelsius'],
    sources: { US: ['S13', 'S23'], UK: ['S23', 'S13'] },
    trace: { section: '§2 PCB-51; R2-11, R2-20', seeds: ['002', '003'] },
    gapTopics: [],
    recommendationText: {
      US: 'Same-day evaluation for cervicitis/PID/TOA: bimanual examination, CT/NG/TV NAAT, hCG; empiric PID treatment per CDC; pregnancy status unknown → exclude ectopic pregnancy before treating as PID, hCG on this card at stat',
      UK: 'Same; empiric PID treatment per BASHH / local sexual-health guidance',
    },
    output: (f, p) => {
      const { fever, pelvicPain } = f.redFlags;
      const ectopic = pregnancyNotExcluded(f, p);
      const finding = [pelvicPain ? 'pelvic pain' : '', fever ? fever.reason.replace('fever recorded', 'fever') : '']
        .filter(Boolean)
        .join(' and ');
      return {
        urgency: 'urgent',
        summary: ectopic
          ? `URGENT: ${finding}, pregnancy not excluded: exclude ectopic pregnancy (hCG now), then assess for PID`
          : `URGENT: ${finding}: same-day evaluation for cervicitis / PID`,
        action: 'same-day PID evaluation',
        advice: [
          ectopic ? '**Exclude ectopic pregnancy before treating as PID**: hCG now (stat).' : '',
          `Same-day evaluation for cervicitis, pelvic inflammatory disease or tubo-ovarian abscess: bimanual examination (cervical motion or adnexal tenderness), chlamydia/${wordsFor(p).gonorrhoea} and T. vaginalis NAAT; empiric PID treatment ${p.jurisdiction === 'UK' ? 'per BASHH / local sexual-health guidance' : 'per CDC criteria'}.`,
        ]
          .filter(Boolean)
          .join(' '),
        orders: [
          ...hcg(f, p),
          { kind: 'ct-ng-naat', priority: 'urgent', reason: 'fever or pelvic pain: cervicitis/PID' },
          { kind: 'trichomonas-naat', priority: 'urgent', reason: 'fever or pelvic pain: cervicitis/PID' },
        ],
        because: acuteLines(f),
        variant: ectopic ? 'pregnancy-not-excluded' : undefined,
      };
    },
  },
  {
    id: 'PCB-52',
    section: 'red-flags',
    title: { US: 'Abnormal discharge or cervicitis', UK: 'Abnormal discharge or cervicitis' },
    // fact-encoding.md rev 2: cervicitis on examination (SNOMED 37610005) counts with discharge.
    when: predicate(
      'discharge',
      '§1 discharge; fact-encoding.md rev 2 (cervicitis)',
      'abnormal vaginal discharge or cervicitis in the look-back',
      (f) => Boolean(f.redFlags.discharge || f.redFlags.cervicitis),
    ),
    urgencies: ['routine'],
    parameters: ['lookbackDays'],
    sources: { US: ['S13'], UK: ['S13'] },
    trace: { section: '§2 PCB-52', seeds: ['000', '003'] },
    gapTopics: [],
    recommendationText: { US: 'Add T. vaginalis NAAT and BV/candida evaluation; cervicitis → CT/NG NAAT' },
    output: (f, p) => {
      const finding = f.redFlags.discharge ? 'Abnormal discharge' : 'Cervicitis on examination';
      return {
        urgency: 'routine',
        summary: `${finding}: T. vaginalis NAAT; evaluate for bacterial vaginosis and candida`,
        action: `T. vaginalis NAAT (${f.redFlags.discharge ? 'discharge' : 'cervicitis'})`,
        advice: `${finding}: add T. vaginalis NAAT and evaluate for bacterial vaginosis and candida; cervicitis → chlamydia/${wordsFor(p).gonorrhoea} NAAT.`,
        orders: [
          {
            kind: 'trichomonas-naat',
            priority: 'routine',
            reason: f.redFlags.discharge ? 'abnormal vaginal discharge' : 'cervicitis on examination',
          },
        ],
        because: [
          ...(f.redFlags.discharge ? [dated('Vaginal discharge', 'abnormal', f.redFlags.discharge.date)] : []),
          ...(f.redFlags.cervicitis ? [dated('Examination', 'cervicitis', f.redFlags.cervicitis.date)] : []),
        ],
      };
    },
  },
  {
    id: 'PCB-53',
    section: 'red-flags',
    title: { US: 'Possible malignancy', UK: 'Possible malignancy' },
    when: predicate(
      'malignancySigns',
      'PCB-53',
      'unexplained weight loss or night sweats, or a palpable pelvic, vaginal or vulval mass',
      (f) => Boolean(f.redFlags.weightLoss || f.redFlags.pelvicMass),
    ),
    urgencies: ['urgent'],
    parameters: ['lookbackDays'],
    sources: { US: ['S23', 'S20'], UK: ['S20', 'S23'] },
    trace: { section: '§2 PCB-53; R2-12, R2-31', seeds: [] },
    gapTopics: [],
    recommendationText: {
      US: 'Mass or suspicious lesion: urgent gynecologic-oncology assessment; weight loss / night sweats alone: urgent examination and urgent gynecology review',
      UK: 'Pelvic/abdominal or vaginal mass → urgent suspected cancer referral (2-week wait) (NG12); weight loss alone → urgent examination and GP work-up, not a 2-week wait',
    },
    output: (f, p) => {
      const { weightLoss, pelvicMass } = f.redFlags;
      const uk = p.jurisdiction === 'UK';
      const w = wordsFor(p);
      if (pelvicMass) {
        return {
          urgency: 'urgent',
          summary: uk
            ? 'URGENT: pelvic or vaginal mass: urgent suspected cancer referral (2-week wait)'
            : 'URGENT: palpable pelvic or vaginal mass: urgent gynecologic-oncology assessment',
          action: uk ? 'urgent suspected cancer referral' : 'gynecologic oncology',
          advice: uk
            ? 'Pelvic or abdominal mass: suspected-cancer pathway; vaginal mass or vulval lump/ulcer: consider an urgent suspected cancer referral (2-week wait, NG12).'
            : 'Palpable mass: urgent gynecologic-oncology assessment for suspected malignancy.',
          orders: [
            uk
              ? { kind: 'gynecology-referral', priority: 'urgent', reason: 'urgent suspected cancer referral (2-week wait): mass' }
              : { kind: 'oncology-referral', priority: 'urgent', reason: 'palpable pelvic or vaginal mass' },
          ],
          because: [
            dated('Pelvic or vaginal mass', 'palpable', pelvicMass.date),
            ...(weightLoss ? [dated('Unexplained weight loss', 'yes', weightLoss.date)] : []),
          ],
          variant: uk ? 'UK-mass' : 'mass',
        };
      }
      return {
        urgency: 'urgent',
        summary: `URGENT: unexplained weight loss: urgent examination and ${uk ? 'GP work-up' : 'gynecology review'}`,
        action: 'urgent examination',
        advice: uk
          ? 'Unexplained weight loss or night sweats alone: urgent examination and GP work-up; not a 2-week-wait referral unless the examination finds a mass or suspicious lesion.'
          : `Unexplained weight loss or night sweats alone: urgent examination and urgent ${w.gynaecology} review; ${w.oncology} only for a palpable mass or a suspicious lesion.`,
        orders: uk ? [] : [{ kind: 'gynecology-referral', priority: 'urgent', reason: 'postcoital bleeding with unexplained weight loss' }],
        because: [dated('Unexplained weight loss', 'yes', weightLoss?.date)],
        variant: uk ? 'UK-weight-loss' : 'weight-loss',
      };
    },
  },
  {
    id: 'PCB-54',
    section: 'red-flags',
    title: { US: 'Hemodynamic instability', UK: 'Haemodynamic instability' },
    when: all(not(PREDICATES.pregnant), PREDICATES.haemodynamicallyUnstable),
    suppresses: ['PCB-50', 'PCB-51'],
    urgencies: ['immediate'],
    parameters: ['unstableSystolicBelow', 'unstableHeartRateAbove', 'shockIndexAtLeast', 'acuteFindingHours', 'acuteSymptomHours'],
    sources: { US: ['S12', 'S26'], UK: ['S26', 'S12'] },
    trace: { section: '§2 PCB-54; R2-2, R2-3, R2-20, R2-21, R2-26, R2-29', seeds: ['002', '003'] },
    gapTopics: [],
    recommendationText: {
      US: 'IMMEDIATE: emergency transfer by ambulance (911), never private transport (in hospital: rapid-response team); ABCs, two large-bore IV lines, CBC, crossmatch, coagulation with fibrinogen; reproductive age with pregnancy not excluded: ruptured ectopic until excluded, point-of-care urine hCG stat; anticoagulated → the drug’s own test and reversal per local protocol',
      UK: '999 / A&E; FBC, crossmatch',
    },
    output: (f, p) => {
      const w = wordsFor(p);
      const inHospital = f.setting === 'hospital';
      const finding = acuteFindingText(f, p);
      const ectopic = pregnancyNotExcluded(f, p);
      const coag = anticoagulantTest(f, 'unstable on an anticoagulant');
      const go = inHospital ? 'call the rapid-response team' : `ambulance to ${w.uk ? 'A&E' : 'emergency department'}`;
      return {
        urgency: 'immediate',
        summary: `IMMEDIATE: ${finding} — ${go}`,
        action: go,
        advice: [
          inHospital
            ? '**Call the rapid-response team now.**'
            : `**${w.call[0].toUpperCase()}${w.call.slice(1)} now: emergency transfer by ambulance — never private transport.**`,
          `ABCs, two large-bore IV lines, ${w.cbc}, crossmatch, coagulation screen with fibrinogen.`,
          ectopic ? '**Ruptured ectopic pregnancy until excluded**: point-of-care urine hCG now.' : '',
          coag.words ? `Anticoagulated: ${coag.words} now; reversal per local protocol if bleeding is life-threatening.` : '',
        ]
          .filter(Boolean)
          .join(' '),
        notNeeded: [hcgNotNeeded(f, p)].filter((l): l is string => Boolean(l)),
        orders: [
          ...(inHospital
            ? []
            : [{ kind: 'emergency-referral' as const, priority: 'stat' as const, reason: `${w.haemodynamic} instability: ${finding}` }]),
          ...hcg(f, p),
          { kind: 'cbc', priority: 'stat', reason: `${w.haemodynamic} instability` },
          { kind: 'crossmatch', priority: 'stat', reason: `${w.haemodynamic} instability` },
          { kind: 'coagulation-screen-with-fibrinogen', priority: 'stat', reason: `${w.haemodynamic} instability` },
          ...coag.orders,
        ],
        because: [
          ...acuteLines(f),
          ...(f.risks.anticoagulant ? [dated('Anticoagulant', f.risks.anticoagulant.display ?? 'active', f.risks.anticoagulant.date)] : []),
        ],
        variant: inHospital ? 'hospital' : undefined,
      };
    },
  },
];

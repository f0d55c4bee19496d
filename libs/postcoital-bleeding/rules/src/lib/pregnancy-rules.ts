import type { PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import { all, any, not, predicate } from './condition';
import { acuteFindingText, acuteLines, CONCERN, dated, pregnancyLine } from './fact-lines';
import { isUndatedPregnancy, isUnstable, PREDICATES } from './predicates';
import type { FactLine, OrderAdvice } from './recommendation';
import type { Rule } from './rule';
import type { Words } from './words';
import { wordsFor } from './words';

type F = PostcoitalBleedingFacts;

/** "30 wk", "known placenta praevia, 18 wk", "gestation unknown", "known ectopic pregnancy". */
function gestation(f: F, w: Words): string {
  const concern = f.pregnancy.ofConcern;
  if (concern) {
    return `known ${CONCERN[concern.kind]} pregnancy`;
  }
  const weeks = f.pregnancy.gestationalAgeWeeks;
  const ga = weeks === undefined ? 'gestation unknown' : `${weeks} wk`;
  return f.pregnancy.placentaPraevia ? `known placenta ${w.praevia}, ${ga}` : ga;
}

const praeviaLine = (f: F): FactLine[] =>
  f.pregnancy.placentaPraevia
    ? [dated('Placenta praevia', f.pregnancy.placentaPraevia.display ?? 'recorded', f.pregnancy.placentaPraevia.date)]
    : [];

const NO_DIGITAL_UNTIL_DATED =
  'Gestation unknown: **no digital or bimanual examination until gestation and placental site are known**; sterile speculum only.';

/** The acute findings that make early-pregnancy bleeding an emergency (PCB-31, R2-28 adds fever). */
const earlyEmergencyFinding = any(PREDICATES.heavyBleeding, PREDICATES.pelvicPain, PREDICATES.fever, PREDICATES.unstable);

/** PCB-34 tier (i): heavy bleeding or instability → major-haemorrhage measures. */
const tierOne = (f: F): boolean => Boolean(f.redFlags.heavyBleeding) || isUnstable(f);

const groupAndScreen = (priority: OrderAdvice['priority'], reason: string): OrderAdvice[] => [
  { kind: 'abo-rh-group', priority, reason },
  { kind: 'antibody-screen', priority, reason },
];

/** §2 pregnancy rules PCB-30…34. */
export const pregnancyRules: Rule[] = [
  {
    id: 'PCB-30',
    section: 'pregnancy',
    title: { US: 'Bleeding in early pregnancy', UK: 'Bleeding in early pregnancy' },
    when: all(PREDICATES.earlyOrUndatedPregnancy, not(earlyEmergencyFinding)),
    urgencies: ['urgent', 'emergency'],
    parameters: ['obTriageWeeks'],
    sources: { US: ['S15', 'S26'], UK: ['S26'] },
    trace: { section: '§2 PCB-30; R2-4, R2-13, R2-25', seeds: ['001', '004'] },
    gapTopics: ['gestational-age', 'pregnancy'],
    recommendationText: {
      US: 'Notify the prenatal provider; same/next-day assessment: confirm IUP/viability by ultrasound, sterile speculum, NAAT, Rh (PCB-33); GA unknown → no digital examination until dated; known ectopic/molar/failed pregnancy → emergency assessment (R2-25)',
      UK: 'Under 13 weeks: early pregnancy assessment unit (NG126); 13–20 weeks: maternity triage',
    },
    output: (f, p) => {
      const ga = f.pregnancy.gestationalAgeWeeks;
      const uk = p.jurisdiction === 'UK';
      const concern = f.pregnancy.ofConcern;
      const w = wordsFor(p);
      if (concern) {
        return {
          urgency: 'emergency',
          summary: `Known ${CONCERN[concern.kind]} pregnancy with bleeding: emergency assessment today (${uk ? 'EPAU or A&E' : 'ED or early pregnancy unit'})`,
          action: 'emergency assessment',
          advice: `Known ${CONCERN[concern.kind]} pregnancy with bleeding: emergency assessment today (${uk ? 'early pregnancy assessment unit or A&E' : 'emergency department or early pregnancy unit'}): ultrasound, quantitative hCG, ${w.cbc}, ${w.groupAndScreen}; anti-D per RhD status. ${w.call} if she becomes faint, has severe pain or heavy bleeding.`,
          orders: [
            {
              kind: uk ? 'early-pregnancy-unit-referral' : 'emergency-referral',
              priority: 'stat',
              reason: `known ${CONCERN[concern.kind]} pregnancy with bleeding`,
            },
            { kind: 'serum-quantitative-hcg', priority: 'stat', reason: `known ${CONCERN[concern.kind]} pregnancy` },
            { kind: 'cbc', priority: 'stat', reason: 'bleeding in a pregnancy of concern' },
          ],
          because: [pregnancyLine(f)],
          variant: 'of-concern',
        };
      }
      const epau = uk && (ga === undefined || ga < 13);
      const where = uk ? (epau ? 'early pregnancy assessment unit' : 'maternity triage') : 'prenatal provider';
      return {
        urgency: 'urgent',
        summary: `URGENT: bleeding at ${ga === undefined ? 'unknown gestation' : `${ga} weeks`} of pregnancy: same/next-day ${uk ? where : 'prenatal assessment'}${ga === undefined ? ', no digital exam' : ''}`,
        action: `same/next-day ${where}`,
        advice: [
          `${uk ? `Refer to the ${where} for same/next-day assessment` : 'Notify the prenatal provider; same/next-day assessment'}: confirm an intrauterine pregnancy and viability by ultrasound if not documented; serial quantitative hCG if the location is unknown; sterile speculum (cervicitis, polyp, ectropion, lesion); chlamydia/${w.gonorrhoea} NAAT; RhD status.`,
          isUndatedPregnancy(f) ? NO_DIGITAL_UNTIL_DATED : '',
          `Light spotting in early pregnancy is common, but any bleeding is reported to the ${uk ? 'midwife or doctor' : 'prenatal provider'}.`,
        ]
          .filter(Boolean)
          .join(' '),
        orders: [
          uk
            ? {
                kind: epau ? 'early-pregnancy-unit-referral' : 'obstetrics-referral',
                priority: 'urgent',
                reason: `bleeding in pregnancy${ga === undefined ? ', gestation unknown' : ` at ${ga} weeks`}`,
              }
            : { kind: 'obstetrics-referral', priority: 'urgent', reason: `bleeding in pregnancy before ${p.obTriageWeeks} weeks` },
          { kind: 'obstetric-ultrasound', priority: 'urgent', reason: 'confirm intrauterine pregnancy and viability' },
        ],
        because: [pregnancyLine(f)],
        variant: uk ? (epau ? 'UK-EPAU' : 'UK') : undefined,
      };
    },
  },
  {
    id: 'PCB-31',
    section: 'pregnancy',
    title: { US: 'Early pregnancy emergency', UK: 'Early pregnancy emergency' },
    when: all(PREDICATES.earlyOrUndatedPregnancy, earlyEmergencyFinding),
    suppresses: ['PCB-30'],
    urgencies: ['emergency', 'immediate'],
    parameters: ['obTriageWeeks', 'acuteSymptomHours', 'acuteFindingHours', 'unstableSystolicBelow', 'unstableHeartRateAbove'],
    sources: { US: ['S15', 'S26'], UK: ['S26'] },
    trace: { section: '§2 PCB-31; R2-2, R2-4, R2-21, R2-25, R2-28', seeds: ['002', '004'] },
    gapTopics: ['gestational-age', 'pregnancy'],
    recommendationText: {
      US: 'Emergency same day (ED / early pregnancy unit): exclude ectopic pregnancy, miscarriage, haemorrhage; TVUS + quantitative hCG, CBC, type & screen; unstable → IMMEDIATE: call 911, ambulance, never private transport; GA unknown → no digital examination',
      UK: 'Same (NG126: immediate assessment with pain or tenderness); 999, A&E / EPAU, FBC, group and save',
    },
    output: (f, p) => {
      const w = wordsFor(p);
      const unstable = isUnstable(f);
      const inHospital = f.setting === 'hospital';
      const finding =
        acuteFindingText(f, p) || [f.redFlags.pelvicPain ? 'pain' : '', f.redFlags.fever ? 'fever' : ''].filter(Boolean).join(' and ');
      const concern = f.pregnancy.ofConcern;
      const action = unstable
        ? inHospital
          ? 'call the emergency team now'
          : `${w.call} — ambulance to ${w.ed}`
        : `same-day ${w.uk ? 'A&E / early pregnancy unit' : 'ED / early pregnancy unit'}`;
      return {
        urgency: unstable ? 'immediate' : 'emergency',
        summary: `${unstable ? 'IMMEDIATE: ' : ''}Pregnant (${gestation(f, w)}) with ${finding}: ${action}`,
        action,
        advice: [
          concern ? `Known ${CONCERN[concern.kind]} pregnancy with bleeding: emergency assessment.` : '',
          unstable
            ? inHospital
              ? `**Call the emergency team now** (${f.redFlags.unstable?.reason ?? 'syncope'}): ABCs, two large-bore IV lines.`
              : `**${w.call[0].toUpperCase()}${w.call.slice(1)} now: ambulance transfer, never private transport** (${f.redFlags.unstable?.reason ?? 'syncope'}); ABCs, two large-bore IV lines.`
            : `Emergency same-day assessment (${w.uk ? 'A&E or early pregnancy assessment unit' : 'emergency department or early pregnancy unit'}).`,
          `Exclude ectopic pregnancy, miscarriage and ${w.haemorrhage}${f.redFlags.fever ? ' and septic miscarriage' : ''}: transvaginal ultrasound, quantitative hCG, ${w.cbc}, ${w.groupAndScreen}; anti-D per RhD status.`,
          isUndatedPregnancy(f) ? NO_DIGITAL_UNTIL_DATED : '',
        ]
          .filter(Boolean)
          .join(' '),
        orders: [
          ...(inHospital && unstable
            ? []
            : [
                { kind: 'emergency-referral' as const, priority: 'stat' as const, reason: `pregnant (${gestation(f, w)}) with ${finding}` },
              ]),
          { kind: 'serum-quantitative-hcg', priority: 'stat', reason: 'exclude ectopic pregnancy' },
          { kind: 'obstetric-ultrasound', priority: 'stat', reason: 'locate the pregnancy (transvaginal); exclude ectopic pregnancy' },
          { kind: 'cbc', priority: 'stat', reason: 'bleeding in early pregnancy' },
          ...groupAndScreen('stat', 'bleeding in early pregnancy'),
        ],
        because: [pregnancyLine(f), ...acuteLines(f)],
        variant: unstable ? 'unstable' : undefined,
      };
    },
  },
  {
    id: 'PCB-32',
    section: 'pregnancy',
    title: { US: 'Bleeding at 20 weeks or more, or with placenta previa', UK: 'Bleeding at 20 weeks or more, or with placenta praevia' },
    when: PREDICATES.latePregnancy,
    suppresses: ['PCB-03', 'PCB-10', 'PCB-11', 'PCB-12', 'PCB-30', 'PCB-31'],
    urgencies: ['emergency'],
    parameters: ['obTriageWeeks'],
    sources: { US: ['S16', 'S27'], UK: ['S27'] },
    trace: { section: '§2 PCB-32; R2-5, R2-13, R2-17', seeds: ['004'] },
    gapTopics: ['gestational-age', 'pregnancy'],
    recommendationText: {
      US: 'Same-day obstetric (L&D) triage; NO digital vaginal examination until ultrasound has excluded placenta/vasa praevia (known praevia: never); sterile speculum acceptable; Rh (PCB-33)',
      UK: 'Maternity triage / labour ward (APH from 24+0 wk; 20+0–23+6 per local policy); same no-digital-examination precaution',
    },
    output: (f, p) => {
      const w = wordsFor(p);
      const praevia = Boolean(f.pregnancy.placentaPraevia);
      const ga = f.pregnancy.gestationalAgeWeeks;
      return {
        urgency: 'emergency',
        summary: `Bleeding in pregnancy (${gestation(f, w)}): same-day ${w.uk ? 'maternity triage' : 'L&D triage'}; ${praevia ? 'never a digital exam' : `no digital exam until ${w.praevia} excluded`}`,
        action: `same-day ${w.uk ? 'maternity triage' : 'L&D triage'}`,
        advice: [
          `Same-day obstetric assessment (${w.labourWard}).`,
          praevia
            ? `**Known placenta ${w.praevia}: never a digital vaginal examination.**`
            : `**No digital vaginal examination until ultrasound has excluded placenta and vasa ${w.praevia}.**`,
          `Sterile speculum is acceptable. Maternal ${w.haemodynamic}s, fetal assessment, placental location, RhD status.`,
          w.uk && ga !== undefined && ga < 24
            ? 'Antepartum haemorrhage is defined from 24+0 weeks; at 20+0–23+6 follow local policy, keeping the no-digital-examination precaution.'
            : '',
        ]
          .filter(Boolean)
          .join(' '),
        notNeeded: ['Pregnancy test and routine cervical screening: not needed now — she is pregnant and is assessed obstetrically today.'],
        orders: [
          {
            kind: 'obstetrics-referral',
            priority: 'stat',
            reason: praevia ? `bleeding with known placenta ${w.praevia}` : `bleeding in pregnancy at ≥${p.obTriageWeeks} weeks`,
          },
          { kind: 'obstetric-ultrasound', priority: 'stat', reason: 'placental location before any digital examination' },
        ],
        because: [pregnancyLine(f), ...praeviaLine(f), ...acuteLines(f)],
        variant: praevia ? 'praevia' : w.uk ? 'UK' : undefined,
      };
    },
  },
  {
    id: 'PCB-33',
    section: 'pregnancy',
    title: { US: 'RhD status in pregnancy', UK: 'RhD status in pregnancy' },
    when: all(
      PREDICATES.pregnant,
      predicate('rhdNotPositive', 'PCB-33', 'RhD negative or unknown', (f) => f.rhD !== 'positive'),
    ),
    urgencies: ['urgent', 'routine'],
    parameters: ['rhigWeeks', 'antiDWithinHours'],
    sources: { US: ['S17', 'S26'], UK: ['S31', 'S26'] },
    trace: { section: '§2 PCB-33; R2-10, R2-22', seeds: [] },
    gapTopics: ['rhd'],
    recommendationText: {
      US: 'RhD unknown → ABO/Rh and antibody screen; RhD negative or unknown at ≥12 wk (or GA unknown): URGENT, anti-D within 72 h; ≥20 wk: quantify fetomaternal haemorrhage (Kleihauer / flow) to dose anti-D; ask about routine antenatal prophylaxis; <12 wk: may forgo (info)',
      UK: 'Anti-D immunoglobulin ≥500 IU from 20+0 wk with Kleihauer; missed 72 h window → up to 10 days (BSH 2014); no anti-D for threatened miscarriage ≤11+6',
    },
    output: (f, p) => {
      const w = wordsFor(p);
      const ga = f.pregnancy.ofConcern ? undefined : f.pregnancy.gestationalAgeWeeks;
      const urgent = ga === undefined || ga >= p.rhigWeeks;
      const late = ga !== undefined && ga >= p.obTriageWeeks;
      const unknown = f.rhD === 'unknown';
      const at = ga === undefined ? 'unknown gestation' : `${ga} wk`;
      const antiD = w.uk
        ? late
          ? `${w.antiD} at least 500 IU within ${p.antiDWithinHours} h of the bleed, with a Kleihauer test to check the dose; if the ${p.antiDWithinHours} h window is missed, give it up to 10 days after`
          : `${w.antiD} within ${p.antiDWithinHours} h of the bleed (not for threatened miscarriage up to 11+6 weeks; consider at 12+0–12+6 with heavy or recurrent bleeding); if the window is missed, up to 10 days`
        : `${w.antiD} within ${p.antiDWithinHours} h of the bleed if unsensitised${late ? `; quantify fetomaternal ${w.haemorrhage} (Kleihauer or flow cytometry) to dose it` : ''}`;
      const orders: OrderAdvice[] = [
        ...(unknown ? groupAndScreen(urgent ? 'urgent' : 'routine', 'RhD status unknown in pregnancy with bleeding') : []),
        ...(f.rhD === 'negative' && late
          ? [{ kind: 'kleihauer-fmh' as const, priority: 'urgent' as const, reason: `RhD negative, bleeding at ${at}: dose anti-D` }]
          : []),
      ];
      return {
        urgency: urgent ? 'urgent' : 'routine',
        indicatorOverride: urgent ? 'warning' : 'info',
        summary: urgent
          ? unknown
            ? `URGENT: RhD unknown, bleeding at ${at} — ABO/Rh and antibody screen; anti-D within ${p.antiDWithinHours} h if negative`
            : `URGENT: RhD negative, bleeding at ${at} — anti-D within ${p.antiDWithinHours} h`
          : `RhD ${f.rhD}, bleeding at ${at}: anti-D may be forgone before ${p.rhigWeeks} weeks`,
        action: unknown ? 'ABO/Rh + antibody screen' : 'anti-D',
        advice: urgent
          ? `${unknown ? 'RhD unknown: ABO/Rh group and antibody screen now. If RhD negative: ' : 'RhD negative: '}${antiD}. Ask whether routine antenatal anti-D prophylaxis was given.`
          : `RhD ${f.rhD} before ${p.rhigWeeks} weeks: anti-D may be forgone (shared decision)${unknown ? '; ABO/Rh group and antibody screen' : ''}.`,
        orders,
        because: [pregnancyLine(f), dated('RhD', f.rhD === 'unknown' ? 'not on record' : f.rhD, f.rhDDate)],
        variant: w.uk ? 'UK' : undefined,
      };
    },
  },
  {
    id: 'PCB-34',
    section: 'pregnancy',
    title: { US: 'Antepartum hemorrhage emergency', UK: 'Antepartum haemorrhage emergency' },
    when: all(PREDICATES.latePregnancy, any(PREDICATES.heavyBleeding, PREDICATES.unstable, PREDICATES.pelvicPain, PREDICATES.fever)),
    suppresses: ['PCB-32', 'PCB-51', 'PCB-03', 'PCB-10', 'PCB-11', 'PCB-12', 'PCB-30', 'PCB-31'],
    urgencies: ['immediate'],
    parameters: ['obTriageWeeks', 'viabilityWeeks', 'acuteSymptomHours', 'acuteFindingHours'],
    sources: { US: ['S27', 'S16'], UK: ['S27'] },
    trace: { section: '§2 PCB-34; R2-1, R2-5, R2-17, R2-21, R2-28', seeds: [] },
    gapTopics: ['gestational-age', 'pregnancy', 'rhd'],
    recommendationText: {
      US: 'Tier (i) heavy bleeding or instability: obstetric emergency now — call 911 (in hospital: obstetric emergency team / major-haemorrhage protocol), two large-bore IV lines, CBC, crossmatch, coagulation screen with fibrinogen, Kleihauer if RhD negative; ultrasound must not delay resuscitation or delivery. Tier (ii) pain or fever with light bleeding: immediate obstetric assessment for possible abruption (L&D now; ambulance if pain severe, bleeding increases or faint); CBC, type and screen. Both: no digital examination; CTG from the viability threshold, below it document the fetal heart',
      UK: '999; labour ward / obstetric emergency; major obstetric haemorrhage protocol (tier i); FBC, group and save',
    },
    output: (f, p) => {
      const w = wordsFor(p);
      const major = tierOne(f);
      const inHospital = f.setting === 'hospital';
      const ga = f.pregnancy.gestationalAgeWeeks;
      const finding =
        acuteFindingText(f, p) || [f.redFlags.pelvicPain ? 'pain' : '', f.redFlags.fever ? 'fever' : ''].filter(Boolean).join(' and ');
      const fetal =
        ga !== undefined && ga < p.viabilityWeeks
          ? `Below the local threshold of viability (${p.viabilityWeeks} weeks): document the fetal heart; no CTG.`
          : `Fetal monitoring (CTG)${ga === undefined ? ' once gestation is known to be at or beyond the local threshold of viability' : ''}.`;
      const rhNeg = f.rhD === 'negative';
      const orders: OrderAdvice[] = [
        inHospital
          ? {
              kind: 'obstetrics-referral',
              priority: 'stat',
              reason: major ? 'obstetric emergency team: antepartum haemorrhage' : 'immediate obstetric assessment: possible abruption',
            }
          : {
              kind: major ? 'emergency-referral' : 'obstetrics-referral',
              priority: 'stat',
              reason: `antepartum ${w.haemorrhage}: ${finding}`,
            },
        { kind: 'cbc', priority: 'stat', reason: `antepartum ${w.haemorrhage}` },
        ...groupAndScreen('stat', `antepartum ${w.haemorrhage}`),
        ...(major
          ? [
              { kind: 'crossmatch' as const, priority: 'stat' as const, reason: `major antepartum ${w.haemorrhage}` },
              {
                kind: 'coagulation-screen-with-fibrinogen' as const,
                priority: 'stat' as const,
                reason: `major antepartum ${w.haemorrhage}`,
              },
              ...(rhNeg
                ? [{ kind: 'kleihauer-fmh' as const, priority: 'stat' as const, reason: 'RhD negative: quantify fetomaternal haemorrhage' }]
                : []),
            ]
          : []),
        {
          kind: 'obstetric-ultrasound',
          priority: 'stat',
          reason: major ? 'placental site — must not delay resuscitation or delivery' : 'placental site; possible abruption',
        },
      ];
      const go = major
        ? inHospital
          ? 'call the obstetric emergency team now'
          : `${w.call}: obstetric emergency now`
        : `to ${w.uk ? 'labour ward' : 'L&D'} now`;
      return {
        urgency: 'immediate',
        summary: `EMERGENCY: ${gestation(f, w)}, ${finding} — ${go}`,
        action: go,
        advice: [
          major
            ? inHospital
              ? `**Obstetric emergency now: call the obstetric emergency team; major obstetric ${w.haemorrhage} protocol.**`
              : `**Obstetric emergency now: ${w.call} for an ambulance — never private transport.** In hospital: obstetric emergency team and major obstetric ${w.haemorrhage} protocol.`
            : `**Immediate obstetric assessment for possible placental abruption${f.redFlags.fever ? ' or infection' : ''}: to ${w.labourWard} now**; ${w.call} for an ambulance if the pain is severe, bleeding increases or she feels faint.`,
          major
            ? `Two large-bore IV lines, ${w.cbc}, crossmatch, coagulation screen with fibrinogen${rhNeg ? ', Kleihauer (RhD negative)' : ''}. Ultrasound must not delay resuscitation or delivery.`
            : `${w.cbc}, ${w.groupAndScreen}.`,
          `**No digital vaginal examination.** ${fetal}`,
        ].join(' '),
        notNeeded: ['Pregnancy test and routine cervical screening: not needed now — she is pregnant and is assessed obstetrically now.'],
        orders,
        because: [pregnancyLine(f), ...praeviaLine(f), ...acuteLines(f)],
        variant: major ? 'major-haemorrhage' : 'possible-abruption',
      };
    },
  },
];

// Every threshold of the guideline, named, with its citation (pcb-guideline.md §0 "Parameters",
// §2 rules, §3 US vs UK). US is the default; UK overrides only what §3 says differs.

export type Jurisdiction = 'US' | 'UK';

export interface GuidelineParameters {
  jurisdiction: Jurisdiction;
  /** PCB-00: PCB must be recorded within this many days. §0 lookbackDays; CCSM inclusion logic [S6]. */
  lookbackDays: number;
  /** PCB-15: persistence before colposcopy referral. §0 persistWeeks (expert, §6.2); UK CKS 6–8 wk [S21]. */
  persistWeeks: number;
  /** PCB-15: shorter persistence from this age. §0 persistWeeksAge35 (Scottish >35 y/>4 wk [S23]). */
  persistWeeksOlder: number;
  persistOlderFromAge: number;
  /** PCB-13: a negative CT/NG NAAT this recent (months) with no new partner since suppresses testing. §0 stiRecentNegMonths. */
  stiRecentNegativeMonths: number;
  /** PCB-13: no NAAT within this many months counts as "no test". §0 stiStaleMonths; USPSTF 2021 [S14]. */
  stiStaleMonths: number;
  /** PCB-13: age at or below which NAAT is indicated. CDC 2021 / USPSTF 2021 screening ≤24 y [S13][S14]. */
  stiYoungMaxAge: number;
  /** fact-encoding.md: a new-partner record counts for 3 months. */
  newPartnerMonths: number;
  /** PCB-13 UK variant: test all women with PCB for chlamydia before referral [S23]. */
  stiTestAll: boolean;
  /** PCB-14: a negative hCG/status this recent (days) makes pregnancy "no". §0 hcgRecentDays. */
  hcgRecentDays: number;
  /** PCB-14: hCG age range. §0 hcgAgeRange 12–55. */
  hcgMinAge: number;
  hcgMaxAge: number;
  /** PCB-01/14: hCG may stay positive this long after a pregnancy ends. §0 postPregnancyHcgSuppressWeeks. */
  postPregnancyWeeks: number;
  /** §1 pregnant: positive evidence counts for 280 days (one term pregnancy). */
  pregnancyEvidenceDays: number;
  /** fact-encoding.md: a quantitative hCG at or above this (mIU/mL) counts as positive. */
  quantitativeHcgPositive: number;
  /** PCB-30/31/32: gestational age (weeks) from which same-day L&D triage and no digital exam apply. §0 obTriageGA; AAFP 2007 [S16]. */
  obTriageWeeks: number;
  /** PCB-33: anti-D threshold (weeks). §0 rhigGA; ACOG 2024 [S17]; NG126 [S26]. */
  rhigWeeks: number;
  /** PCB-20/21: endometrial thickness (mm) at or below which PMB evaluation is adequate. §0 etThresholdMm; ACOG CO 734 [S9]. */
  endometrialThicknessMm: number;
  /** PCB-20: an ET measurement counts for this episode if this recent (days). §2 PCB-20 "≤90 d". */
  endometrialThicknessRecentDays: number;
  /** §1 menopause: age band where status is unknown without data; assumed post from assumePostAge. §0; NICE NG23 [S25]. */
  menopauseUnknownFromAge: number;
  assumePostmenopausalAge: number;
  /** NICE NG23 1.2.1: ≥12 months amenorrhoea over age 45 = postmenopausal [S25]. */
  amenorrhoeaMonths: number;
  amenorrhoeaMinAge: number;
  /** PCB-11/12: screening ages. §0 screenMinAge/screenMaxAge; USPSTF 2018 [S1]; NHSCSP [S24]. */
  screenMinAge: number;
  screenMaxAge: number;
  /** PCB-11: hrHPV is added (cotest) and HPV-based screening counts from this age. USPSTF 2018 [S1]. */
  hpvFromAge: number;
  /** §1 screenCurrent (US): cytology interval 3 y; HPV/cotest interval 5 y [S1]. */
  cytologyIntervalMonths: number;
  hpvIntervalMonths: number;
  /** §1 screenCurrent, HIV/immunocompromised: cytology yearly (3-yearly after 3 normal annual), cotest 3-yearly [S8][S6]. */
  immunocompromisedCytologyMonths: number;
  immunocompromisedCytologyAfterThreeNormalMonths: number;
  immunocompromisedCotestMonths: number;
  /** §1 screenCurrent after CIN2+: HPV-based yearly until 3 negatives, then 3-yearly, for 25 y [S6]. */
  postCin2HpvMonths: number;
  postCin2HpvAfterThreeNegativeMonths: number;
  postCin2SurveillanceYears: number;
  /** PCB-16: a result below the colposcopy threshold keeps screening current for 1 y (surveillance) [S4]. */
  surveillanceMonths: number;
  /** §1: >65 adequately screened = 3 negative cytology or 2 negative HPV-based tests in 10 y, last ≤5 y [S3][S6]. */
  adequateScreeningWindowYears: number;
  adequateScreeningLastWithinYears: number;
  /** §3 UK: 25–49 3-yearly (5-yearly if HPV-negative on/after 1 Jul 2025), 50–64 5-yearly [S24]. */
  ukYoungerIntervalMonths: number;
  ukOlderIntervalMonths: number;
  ukOlderFromAge: number;
  ukExtendedIntervalFrom: string;
  /** R2-13 / §1 screenCurrent UK: women living with HIV are screened every year (NHSCSP [S24]). */
  ukHivScreeningMonths: number;
  /** §1 cotest = cytology and HPV within 30 days (CCSM "coincident reports" [S6]). */
  cotestWindowDays: number;
  /** PCB-50: haemodynamic instability. §1 red flags: SBP <90 or HR >110. */
  unstableSystolicBelow: number;
  unstableHeartRateAbove: number;
  /** §1 fever: temperature ≥38.0 °C. */
  feverCelsius: number;
  /** R2-20: a vital sign counts only as the most recent value of its kind within this many hours. §0 acuteFindingHours. */
  acuteFindingHours: number;
  /** R2-20: heavy bleeding, pain, fever and syncope count only within this many hours. §0 acuteSymptomHours. */
  acuteSymptomHours: number;
  /** R2-29 PCB-54: shock index (HR/SBP) at or above this = instability. */
  shockIndexAtLeast: number;
  /** R2-28 PCB-34: CTG only from the local threshold of viability (typically 22–24 wk). §0 viabilityWeeks. */
  viabilityWeeks: number;
  /** R2-30 PCB-19: safeguarding prompt under this age. §0 safeguardingAge. */
  safeguardingAge: number;
  /**
   * R2-30 PCB-19: stronger safeguarding text under this age. §0 safeguardingStrongAge: UK 16; US "state age
   * of consent", which varies 16–18 by state: 16 is the lowest, so no state's minors are missed.
   */
  safeguardingStrongAge: number;
  /** R2-30 PCB-19: under this age a safeguarding referral/report is mandatory (both). §0 safeguardingMandatoryAge. */
  safeguardingMandatoryAge: number;
  /** R2-23 PCB-13: no retest while the last NAAT was positive less than this many weeks ago. */
  stiPositiveNoRetestWeeks: number;
  /** R2-6/R2-23 PCB-13: retest 3 months after treatment; a positive older than this is "prior STI". */
  stiPositiveRetestMonths: number;
  /** R2-23 PCB-15: the STI block on colposcopy lasts this many weeks after the positive result... */
  stiBlockAfterPositiveWeeks: number;
  /** ...or this many when the treatment date is unknown. R2-23. */
  stiBlockUnknownTreatmentWeeks: number;
  /** R2-10/R2-22 PCB-33: anti-D within this many hours of the bleed (ACOG 2024 [S17]; NG126 [S26]). */
  antiDWithinHours: number;
  /** fact-encoding.md rev 2: an immunosuppressant completed or given within this many months still counts. */
  immunosuppressantRecentMonths: number;
  /** R2-15 PCB-22: unscheduled bleeding on HRT beyond this many months → prompt review (NICE NG23 [S25]). */
  hrtReviewAfterMonths: number;
  /** PCB-15 option: cotest-negative de-escalation. §0 cotestNegativeDeescalation (off). */
  cotestNegativeDeescalation: boolean;
  /** PCB-11 option: Pap even when not due (ASCCP 2017 [S5]); US only. */
  diagnosticCytologyWhenNotDue: boolean;
}

export const US_PARAMETERS: GuidelineParameters = {
  jurisdiction: 'US',
  lookbackDays: 90,
  persistWeeks: 6,
  persistWeeksOlder: 4,
  persistOlderFromAge: 35,
  stiRecentNegativeMonths: 3,
  stiStaleMonths: 12,
  stiYoungMaxAge: 24,
  newPartnerMonths: 3,
  stiTestAll: false,
  hcgRecentDays: 7,
  hcgMinAge: 12,
  hcgMaxAge: 55,
  postPregnancyWeeks: 6,
  pregnancyEvidenceDays: 280,
  quantitativeHcgPositive: 25,
  obTriageWeeks: 20,
  rhigWeeks: 12,
  endometrialThicknessMm: 4,
  endometrialThicknessRecentDays: 90,
  menopauseUnknownFromAge: 40,
  assumePostmenopausalAge: 56,
  amenorrhoeaMonths: 12,
  amenorrhoeaMinAge: 45,
  screenMinAge: 21,
  screenMaxAge: 65,
  hpvFromAge: 30,
  cytologyIntervalMonths: 36,
  hpvIntervalMonths: 60,
  immunocompromisedCytologyMonths: 12,
  immunocompromisedCytologyAfterThreeNormalMonths: 36,
  immunocompromisedCotestMonths: 36,
  postCin2HpvMonths: 12,
  postCin2HpvAfterThreeNegativeMonths: 36,
  postCin2SurveillanceYears: 25,
  surveillanceMonths: 12,
  adequateScreeningWindowYears: 10,
  adequateScreeningLastWithinYears: 5,
  ukYoungerIntervalMonths: 36,
  ukOlderIntervalMonths: 60,
  ukOlderFromAge: 50,
  ukExtendedIntervalFrom: '2025-07-01',
  ukHivScreeningMonths: 12,
  cotestWindowDays: 30,
  unstableSystolicBelow: 90,
  unstableHeartRateAbove: 110,
  feverCelsius: 38.0,
  acuteFindingHours: 24,
  acuteSymptomHours: 72,
  shockIndexAtLeast: 1.0,
  viabilityWeeks: 22,
  safeguardingAge: 18,
  safeguardingStrongAge: 16,
  safeguardingMandatoryAge: 13,
  stiPositiveNoRetestWeeks: 4,
  stiPositiveRetestMonths: 3,
  stiBlockAfterPositiveWeeks: 6,
  stiBlockUnknownTreatmentWeeks: 8,
  antiDWithinHours: 72,
  hrtReviewAfterMonths: 3,
  immunosuppressantRecentMonths: 12,
  cotestNegativeDeescalation: false,
  diagnosticCytologyWhenNotDue: false,
};

/** §3: the UK differs in screening ages, STI testing for all, and never takes diagnostic cytology. */
export const UK_PARAMETERS: GuidelineParameters = {
  ...US_PARAMETERS,
  jurisdiction: 'UK',
  screenMinAge: 25,
  screenMaxAge: 64,
  stiTestAll: true,
  diagnosticCytologyWhenNotDue: false,
};

export function defaultParameters(jurisdiction: Jurisdiction): GuidelineParameters {
  return jurisdiction === 'UK' ? UK_PARAMETERS : US_PARAMETERS;
}

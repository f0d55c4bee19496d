import reasonData from '../data/reason-codes.json';

// R2-14/R2-27: why an order is placed, coded by pathway — N93.0 is no reason for an obstetric order.
// A pure function of the patient's facts and the jurisdiction; every code and every week boundary
// is data (reason-codes.json).

export type ReasonJurisdiction = 'US' | 'UK';

export interface ReasonCoding {
  system: string;
  code: string;
  display: string;
}

/** The facts the reason depends on (PostcoitalBleedingFacts has this shape). */
export interface ReasonFacts {
  pregnancy: {
    status: 'yes' | 'no' | 'unknown';
    gestationalAgeWeeks?: number;
    placentaPraevia?: { display?: string };
    /** R2-25: an ectopic, molar or failed pregnancy counts as under 20 weeks whatever the dates say. */
    ofConcern?: unknown;
  };
  menopause: { status: string };
}

type Trimester = 'unknown' | 'first' | 'second' | 'third';
type PraeviaKind = keyof typeof reasonData.US.placentaPraeviaWithHaemorrhage;
type Code = { code: string; display: string };

const WEEKS = reasonData.pregnancyWeeks;
const BY_WEEK = reasonData.US.weeksOfGestation.byWeek as Record<string, Code>;
const FIRST_WEEK_CODED = Math.min(...Object.keys(BY_WEEK).map(Number));

/**
 * The reason codes of an order, most specific first; each is a ServiceRequest.reasonCode of its own
 * (O46.92 and Z3A.30 are two reasons, not two codings of one concept).
 * - pregnant, known placenta praevia → O44.1x/O44.3x/O44.5x by kind and trimester (O46 excludes praevia);
 * - pregnant, gestation ≥ 20 weeks → O46.9x by trimester; unknown gestation → O46.90;
 * - pregnant, < 20 weeks (or a pregnancy of concern) → O20.9;
 *   US pregnancies add the Z3A weeks code (Z3A.00 when unknown);
 * - postmenopausal → N95.0; otherwise N93.0.
 * UK: WHO ICD-10 (O44.1, O46.9, O20.9, N95.0, N93.0) — no trimester character, no Z3A.
 */
export function orderReasonCodes(facts: ReasonFacts, jurisdiction: ReasonJurisdiction): ReasonCoding[] {
  const system = reasonData.systems[jurisdiction];
  const coded = (codes: Code[]): ReasonCoding[] => codes.map(({ code, display }) => ({ system, code, display }));
  const { pregnancy } = facts;
  if (pregnancy.status === 'yes') {
    return coded(
      jurisdiction === 'UK'
        ? [ukPregnancyReason(pregnancy)]
        : [usPregnancyReason(pregnancy), weeksOfGestation(pregnancy.gestationalAgeWeeks)],
    );
  }
  const codes = jurisdiction === 'UK' ? reasonData.UK : reasonData.US;
  return coded([facts.menopause.status === 'post' ? codes.postmenopausalBleeding : codes.postcoitalBleeding]);
}

function usPregnancyReason(pregnancy: ReasonFacts['pregnancy']): Code {
  const weeks = pregnancy.gestationalAgeWeeks;
  const trimester = trimesterOf(weeks);
  const praevia = pregnancy.placentaPraevia && praeviaKind(pregnancy.placentaPraevia.display);
  if (praevia) {
    return reasonData.US.placentaPraeviaWithHaemorrhage[praevia][trimester];
  }
  return isEarly(pregnancy) ? reasonData.US.earlyPregnancyHaemorrhage : reasonData.US.antepartumHaemorrhage[trimester];
}

function ukPregnancyReason(pregnancy: ReasonFacts['pregnancy']): Code {
  if (pregnancy.placentaPraevia && praeviaKind(pregnancy.placentaPraevia.display)) {
    return reasonData.UK.placentaPraeviaWithHaemorrhage;
  }
  return isEarly(pregnancy) ? reasonData.UK.earlyPregnancyHaemorrhage : reasonData.UK.antepartumHaemorrhage;
}

/** Haemorrhage in early pregnancy: before 20 completed weeks, or a pregnancy of concern (dated or not). */
const isEarly = (pregnancy: ReasonFacts['pregnancy']): boolean =>
  pregnancy.ofConcern !== undefined ||
  (pregnancy.gestationalAgeWeeks !== undefined && pregnancy.gestationalAgeWeeks < WEEKS.earlyHaemorrhageBefore);

/** ICD-10-CM trimesters; unknown gestation → the "unspecified trimester" character. */
function trimesterOf(weeks: number | undefined): Trimester {
  if (weeks === undefined) {
    return 'unknown';
  }
  return weeks >= WEEKS.thirdTrimesterFrom ? 'third' : weeks >= WEEKS.secondTrimesterFrom ? 'second' : 'first';
}

/** Z3A by completed weeks: <8 → Z3A.01, 8–42 → Z3A.08–Z3A.42, >42 → Z3A.49, unknown → Z3A.00. */
function weeksOfGestation(weeks: number | undefined): Code {
  const z3a = reasonData.US.weeksOfGestation;
  if (weeks === undefined) {
    return z3a.notSpecified;
  }
  const completed = Math.floor(weeks);
  return BY_WEEK[String(completed)] ?? (completed < FIRST_WEEK_CODED ? z3a.under8 : z3a.over42);
}

/** Which O44 subcategory the recorded praevia is, from the record's words; undefined for vasa praevia (no placental praevia). */
function praeviaKind(display: string | undefined): PraeviaKind | undefined {
  const words = (display ?? '').toLowerCase();
  const kind =
    reasonData.praeviaKinds.byWords.find((k) => k.words.some((w) => words.includes(w)))?.kind ?? reasonData.praeviaKinds.otherwise;
  return kind === 'vasa' ? undefined : (kind as PraeviaKind);
}

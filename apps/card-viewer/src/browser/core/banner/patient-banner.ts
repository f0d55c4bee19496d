import type { FhirResource } from '../hooks/cds-wire.js';
import type { PatientJson } from '../fhir/fhir-json.js';
import { codingsOf } from '../fhir/fhir-json.js';
import { aliasKey, BANNER_CONCEPT_MAPS, BANNER_VALUE_SETS } from './banner-codes.js';
import { ageInYears, dayOf, daysSince, resourceDate, timeAgo } from './dates.js';

/** What the banner shows, as text lines; "Not recorded" rather than a guess. */
export interface PatientBanner {
  id: string;
  name: string;
  sexAndAge: string;
  pregnancy: string;
  menopause: string;
  lastScreening: string;
}

type ValueSetName = keyof typeof BANNER_VALUE_SETS;
type ConceptMapName = keyof typeof BANNER_CONCEPT_MAPS;

interface Dated<T> {
  value: T;
  date?: string;
}

/**
 * A simple, client-side reading of the chart for the banner: the latest pregnancy status (or an active Z33.1)
 * with gestation carried forward from the latest recorded GA, else the EDD, else the LMP; the latest menopausal
 * status; the latest cervical cytology/HPV result. Entered-in-error records and inactive Conditions are ignored.
 */
export function patientBanner(patient: PatientJson, resources: FhirResource[], today: Date): PatientBanner {
  const records = resources.filter(isCurrent);
  const pregnancy = latest([
    ...withCode(records, 'Observation', 'pregnancyStatus').map((o) =>
      dated(o, mapValue(o['valueCodeableConcept'], 'pregnancyStatusAnswer')),
    ),
    ...withCode(records, 'Condition', 'pregnantCondition').map((c) => dated(c, 'pregnant')),
  ]);
  return {
    id: patient.id ?? '',
    name: patientName(patient),
    sexAndAge: sexAndAge(patient, today),
    pregnancy: pregnancyText(pregnancy, records, today),
    menopause: menopauseText(records),
    lastScreening: screeningText(records, today),
  };
}

function patientName(patient: PatientJson): string {
  const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
  const text = name?.text ?? [...(name?.given ?? []), name?.family].filter(Boolean).join(' ');
  return text || 'Unnamed patient';
}

function sexAndAge(patient: PatientJson, today: Date): string {
  const sex = patient.gender ? patient.gender[0].toUpperCase() + patient.gender.slice(1) : 'Sex not recorded';
  const age = patient.birthDate ? ageInYears(patient.birthDate, today) : undefined;
  return age === undefined ? `${sex}, age not recorded` : `${sex}, ${age} years (born ${patient.birthDate})`;
}

function pregnancyText(status: Dated<string | undefined> | undefined, records: FhirResource[], today: Date): string {
  if (!status || status.value === undefined) {
    return 'Not recorded';
  }
  const when = status.date ? ` (recorded ${dayOf(status.date)})` : '';
  if (status.value === 'not-pregnant') {
    return `Not pregnant${when}`;
  }
  if (status.value === 'unknown') {
    return `Unknown${when}`;
  }
  const gestation = gestationalAge(records, today);
  return gestation ? `Pregnant, ${gestation}` : `Pregnant${when}, gestational age not recorded`;
}

/** Days of gestation today, from the most direct record available. */
function gestationalAge(records: FhirResource[], today: Date): string | undefined {
  const ga = latest(withCode(records, 'Observation', 'gestationalAge').map((o) => dated(o, weeksOf(o['valueQuantity']))));
  if (ga?.value !== undefined && ga.date) {
    const days = Math.round(ga.value * 7) + daysSince(ga.date, today);
    return formatGestation(days, `${ga.value} wk recorded ${dayOf(ga.date)}`);
  }
  const edd = latest(
    withCode(records, 'Observation', 'estimatedDeliveryDate').map((o) => dated(o, o['valueDateTime'] as string | undefined)),
  );
  if (edd?.value) {
    return formatGestation(280 + daysSince(edd.value, today), `from EDD ${dayOf(edd.value)}`);
  }
  const lmp = latestLmp(records);
  return lmp ? formatGestation(daysSince(lmp, today), `from LMP ${dayOf(lmp)}`) : undefined;
}

function formatGestation(days: number, basis: string): string | undefined {
  // Outside 0–45 weeks the record is wrong or the pregnancy is over: say nothing rather than something false.
  if (days < 0 || days > 45 * 7) {
    return undefined;
  }
  return `${Math.floor(days / 7)}+${days % 7} weeks today (${basis})`;
}

function weeksOf(quantity: unknown): number | undefined {
  const q = quantity as { value?: unknown; code?: string; unit?: string } | undefined;
  if (typeof q?.value !== 'number') {
    return undefined;
  }
  const unit = (q.code ?? q.unit ?? 'wk').toLowerCase();
  return unit === 'd' || unit.startsWith('day') ? q.value / 7 : q.value;
}

function menopauseText(records: FhirResource[]): string {
  const status = latest([
    ...withCode(records, 'Observation', 'menopausalStatus').map((o) =>
      dated(o, mapValue(o['valueCodeableConcept'], 'menopausalStatusValue')),
    ),
    ...withCode(records, 'Condition', 'postmenopausalCondition').map((c) => dated(c, 'post')),
  ]);
  const label: Record<string, string> = { post: 'Postmenopausal', pre: 'Premenopausal', peri: 'Perimenopausal' };
  const lmp = latestLmp(records);
  const lmpText = lmp ? `LMP ${dayOf(lmp)}` : '';
  if (!status?.value) {
    return lmp ? `Not recorded (${lmpText})` : 'Not recorded';
  }
  const when = status.date ? `recorded ${dayOf(status.date)}` : '';
  return `${label[status.value] ?? status.value} (${[when, lmpText].filter(Boolean).join('; ')})`.replace(' ()', '');
}

function latestLmp(records: FhirResource[]): string | undefined {
  const values = withCode(records, 'Observation', 'lastMenstrualPeriod')
    .map((o) => o['valueDateTime'])
    .filter((v): v is string => typeof v === 'string');
  return values.sort().at(-1);
}

function screeningText(records: FhirResource[], today: Date): string {
  const results = [
    ...screeningResults(records, 'cytologyTest', 'Cytology', 'cytologyResult'),
    ...screeningResults(records, 'hpvTest', 'HPV', 'hpvResult'),
  ].filter((r): r is Dated<string> & { date: string } => r.date !== undefined);
  const last = results
    .map((r) => dayOf(r.date))
    .sort()
    .at(-1);
  if (!last) {
    return 'None on record';
  }
  // A cotest is two results on one day: show both.
  const sameDay = [...new Set(results.filter((r) => dayOf(r.date) === last).map((r) => r.value))];
  return `${sameDay.join(' + ')} on ${last} (${timeAgo(last, today)})`;
}

function screeningResults(records: FhirResource[], valueSet: ValueSetName, test: string, results: ConceptMapName): Dated<string>[] {
  return [...withCode(records, 'Observation', valueSet), ...withCode(records, 'DiagnosticReport', valueSet)].map((r) => {
    const value = r.resourceType === 'DiagnosticReport' ? (r['conclusionCode'] as unknown[] | undefined)?.[0] : r['valueCodeableConcept'];
    const result = mapValue(value, results) ?? displayOf(value) ?? 'result not coded';
    return dated(r, `${test} ${result}`);
  });
}

function withCode(records: FhirResource[], resourceType: string, valueSet: ValueSetName): FhirResource[] {
  const codes: readonly string[] = BANNER_VALUE_SETS[valueSet];
  return records.filter(
    (r) => r.resourceType === resourceType && codingsOf(r['code']).some((c) => codes.includes(aliasKey(c.system, c.code) ?? '')),
  );
}

function mapValue(concept: unknown, map: ConceptMapName): string | undefined {
  const table: Readonly<Record<string, string>> = BANNER_CONCEPT_MAPS[map];
  return codingsOf(concept)
    .map((c) => table[aliasKey(c.system, c.code) ?? ''])
    .find((v) => v !== undefined);
}

function displayOf(concept: unknown): string | undefined {
  const c = concept as { text?: string } | undefined;
  return c?.text ?? codingsOf(concept).find((x) => x.display)?.display;
}

function dated<T>(resource: FhirResource, value: T): Dated<T> {
  return { value, date: resourceDate(resource) };
}

/** The most recent; undated records count as oldest. */
function latest<T>(items: Dated<T>[]): Dated<T> | undefined {
  return [...items].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '')).at(-1);
}

/** Not entered in error, not cancelled; a Condition also not resolved, inactive or in remission. */
function isCurrent(resource: FhirResource): boolean {
  const status = resource['status'];
  if (status === 'entered-in-error' || status === 'cancelled') {
    return false;
  }
  if (codingsOf(resource['verificationStatus']).some((c) => c.code === 'entered-in-error' || c.code === 'refuted')) {
    return false;
  }
  return !codingsOf(resource['clinicalStatus']).some((c) => c.code === 'resolved' || c.code === 'inactive' || c.code === 'remission');
}

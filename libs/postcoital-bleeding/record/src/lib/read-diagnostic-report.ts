import type { DiagnosticReport } from 'fhir/r4';
import type { PatientRecord } from '@pcb-cds/postcoital-bleeding-facts';
import type { Terminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { toIsoDate } from './fhir-dates';
import type { ReportLink } from './read-observation';
import { readCytology, readHistology, readHpv } from './read-observation';

/** fact-encoding.md: a report's date is effective[x], else issued. */
export function reportDate(d: DiagnosticReport): string | undefined {
  return toIsoDate(d.effectiveDateTime ?? d.effectivePeriod?.start ?? d.issued);
}

/**
 * Cytology, HPV and cervical histology reported as a DiagnosticReport: the result is its
 * conclusionCode. A report that only links its results (`result`) leaves them to the linked
 * Observations, which take the report's date and test code when they lack their own; if none of
 * them reached the service, the report is a result of unknown meaning (never an absent test).
 */
export function readDiagnosticReport(d: DiagnosticReport, t: Terminology, r: PatientRecord, linkedResultsPresent = false): void {
  const date = reportDate(d);
  if (!date || d.status === 'entered-in-error' || d.status === 'cancelled' || d.status === 'registered') {
    return;
  }
  const codes = d.code?.coding ?? [];
  const coded = (d.conclusionCode ?? []).flatMap((c) => c.coding ?? []);
  // A report whose result is only in its text still says a test was done: read as not recognised.
  const conclusion = coded.length > 0 || !d.conclusion ? coded : [{ display: d.conclusion.slice(0, 80) }];
  if (conclusion.length === 0 && linkedResultsPresent) {
    return;
  }
  if (t.inValueSet('cervicalHistologyTest', codes)) {
    readHistology(conclusion, date, 'DiagnosticReport', t, r);
  } else if (t.inValueSet('cytologyTest', codes)) {
    readCytology(conclusion, date, 'DiagnosticReport', t, r);
  } else if (t.inValueSet('hpvTest', codes)) {
    readHpv(conclusion, date, 'DiagnosticReport', t, r, {
      hpv16: t.inValueSet('hpv16Test', codes),
      hpv18: t.inValueSet('hpv18Test', codes),
    });
  }
}

/** `Observation/<id>` → the report that lists it as a result (its date and test code). */
export function reportLinks(reports: readonly DiagnosticReport[]): Map<string, ReportLink> {
  const links = new Map<string, ReportLink>();
  for (const d of reports) {
    if (d.status === 'entered-in-error' || d.status === 'cancelled') {
      continue;
    }
    for (const ref of d.result ?? []) {
      const id = ref.reference?.split('/').slice(-2).join('/');
      if (id?.startsWith('Observation/')) {
        links.set(id, { date: reportDate(d), codes: d.code?.coding ?? [] });
      }
    }
  }
  return links;
}

import type { Encounter, EpisodeOfCare } from 'fhir/r4';
import type { PatientRecord } from '@pcb-cds/postcoital-bleeding-facts';
import type { Terminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { toIsoDate } from './fhir-dates';

/** Encounter.reasonCode N93.0 dates a PCB record by period.start. */
export function readEncounter(e: Encounter, t: Terminology, r: PatientRecord): void {
  const date = toIsoDate(e.period?.start);
  if (!date || e.status === 'entered-in-error' || e.status === 'cancelled') {
    return;
  }
  if ((e.reasonCode ?? []).some((rc) => t.inValueSet('postcoitalBleeding', rc.coding))) {
    r.pcb.push({ date, source: 'encounter' });
  }
}

/** The hook's own Encounter: its class says whether she is in hospital (facts contract `setting`). */
export function readContextEncounter(e: Encounter, t: Terminology, r: PatientRecord): void {
  const setting = t.classify('encounterSetting', e.class ? [e.class] : []);
  if (setting === 'hospital' || setting === 'outpatient') {
    r.setting = setting;
  }
}

/** R2-25: an active antenatal-care episode is pregnancy evidence dated by its start. */
export function readEpisodeOfCare(e: EpisodeOfCare, t: Terminology, r: PatientRecord): void {
  const start = toIsoDate(e.period?.start);
  if (!start || e.status !== 'active' || e.period?.end) {
    return;
  }
  if ((e.type ?? []).some((type) => t.inValueSet('antenatalEpisode', type.coding))) {
    r.pregnancyEvidence.push({ date: start, kind: 'antenatal-episode' });
  }
}

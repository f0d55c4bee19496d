import { daysBetween, earliest, latest, withinDays } from './dates';
import type { GuidelineParameters } from './guideline-parameters';
import type { PatientRecord } from './patient-record';
import type { PcbEpisode } from './postcoital-bleeding-facts';

/**
 * §1 `pcb`: true if any PCB record falls within the look-back. A record counts by its latest date
 * (onset or the date it was written), so a long-running episode recorded today still opens the gate;
 * the episode starts at the earliest onset among those records.
 */
export function derivePcbEpisode(record: PatientRecord, p: GuidelineParameters): PcbEpisode {
  const dated = record.pcb.map((r) => ({ ...r, last: r.recorded && r.recorded > r.date ? r.recorded : r.date }));
  const current = dated.filter((r) => withinDays(r.last, p.lookbackDays, record.today));
  const first = earliest(current);
  const newest = latest(dated.map((r) => ({ date: r.last })));
  if (!first) {
    return { inLookback: false, latestRecord: newest?.date };
  }
  return {
    inLookback: true,
    start: first.date,
    days: daysBetween(first.date, record.today),
    latestRecord: newest?.date,
  };
}

import { latest, withinMonths } from './dates';
import type { GuidelineParameters } from './guideline-parameters';
import type { PatientRecord, StiOrganism } from './patient-record';
import type { StiFacts, StiOrganismFound } from './postcoital-bleeding-facts';

const ORGANISMS: Record<StiOrganism, StiOrganismFound[]> = {
  chlamydia: ['chlamydia'],
  gonorrhea: ['gonorrhoea'],
  // A combined CT/NG result does not say which organism was found.
  'ct-ng': ['unknown'],
  trichomonas: ['trichomonas'],
};

/** §1 `sti`: the last CT/NG NAAT (a positive wins over a same-day negative), the last positive and its organisms, new partner, prior STI. */
export function deriveSti(record: PatientRecord, p: GuidelineParameters): StiFacts {
  const ctNg = record.stiTests.filter((t) => t.organism !== 'trichomonas');
  const last = latest(ctNg);
  const sameDayPositive = last && ctNg.some((t) => t.date === last.date && t.result === 'positive');
  const positives = record.stiTests.filter((t) => t.result === 'positive');
  const lastPositive = latest(positives);
  const partner = latest(record.newSexualPartner.filter((n) => n.value && withinMonths(n.date, p.newPartnerMonths, record.today)));
  // R2-23: a positive NAAT is a "prior STI" once more than `stiPositiveRetestMonths` old (a recent one
  // is `lastPositive`, with rules of its own); an STI diagnosis counts as before. Both within `stiStaleMonths`.
  const inRiskWindow = (d: { date: string }): boolean => withinMonths(d.date, p.stiStaleMonths, record.today);
  const priorSti = latest([
    ...record.stiDiagnoses.filter(inRiskWindow),
    ...positives.filter((d) => inRiskWindow(d) && !withinMonths(d.date, p.stiPositiveRetestMonths, record.today)),
  ]);
  return {
    lastNaat: last && { date: last.date, result: sameDayPositive ? 'positive' : 'negative' },
    lastPositive: lastPositive && {
      date: lastPositive.date,
      organisms: positives.filter((t) => t.date === lastPositive.date).flatMap((t) => ORGANISMS[t.organism]),
    },
    newPartner: partner && { date: partner.date },
    priorSti: priorSti && { date: priorSti.date },
  };
}

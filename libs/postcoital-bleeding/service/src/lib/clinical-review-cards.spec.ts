import type { Card } from '@pcb-cds/cds-hooks-model';
import { PatientBundleBuilder } from '@pcb-cds/postcoital-bleeding-demo-patients';
import { buildGuidelineConfiguration } from './guideline-configuration';
import { PostcoitalBleedingCdsService } from './postcoital-bleeding.cds-service';

// What a clinician reads on the cards for the defects the clinical review found (card level).
const NOW = new Date();
const US = new PostcoitalBleedingCdsService({ ...buildGuidelineConfiguration({}, 'US'), clock: () => NOW });
const UK = new PostcoitalBleedingCdsService({ ...buildGuidelineConfiguration({}, 'UK'), clock: () => NOW });

async function cardsFor(id: string, facts: (b: PatientBundleBuilder) => PatientBundleBuilder, service = US): Promise<Card[]> {
  const bundle = facts(
    PatientBundleBuilder.forPatient(id, NOW).gender('female').birthSex('F').born({ yearsAgo: 30 }).pcbCondition({ weeksAgo: 1 }),
  ).build();
  return (
    await service.handle({
      hook: 'patient-view',
      hookInstance: 'review',
      context: { patientId: id, userId: 'Practitioner/x' },
      prefetch: { bundle },
    } as never)
  ).cards;
}
const rulesOf = (c: Card): string[] => (c.extension?.['org.pcb-cds.rules'] as string[]) ?? [];
const cardOf = (cards: Card[], rule: string): Card => cards.find((c) => rulesOf(c).includes(rule)) as Card;

describe('cards after the clinical review', () => {
  it('Cora, 30, cervicitis on examination and no NAAT: tested for chlamydia, gonorrhea and T. vaginalis, with a cervicitis card', async () => {
    const cards = await cardsFor('review-cervicitis', (b) =>
      b.lmp({ weeksAgo: 2 }).cytology('NILM', { yearsAgo: 1 }).finding('cervicitis', { as: 'condition' }),
    );
    const naat = cardOf(cards, 'PCB-13');
    expect(naat.detail).toContain('Symptom: cervicitis on examination');
    const cervicitis = cardOf(cards, 'PCB-52');
    expect(cervicitis.detail).toContain(
      'Cervicitis on examination: add T. vaginalis NAAT and evaluate for bacterial vaginosis and candida',
    );
    expect(cervicitis.detail).toContain('Examination: cervicitis');
    expect(cervicitis.summary.match(/T\. vaginalis/g)).toHaveLength(1);
    expect(JSON.stringify(cervicitis.suggestions)).toContain('cervicitis on examination');
  });

  it('Vera, 30, suspicious vaginal lesion: urgent gynecology for vaginal colposcopy and biopsy, not a cervical colposcopy order', async () => {
    const cards = await cardsFor('review-vaginal-lesion', (b) =>
      b.lmp({ weeksAgo: 2 }).cytology('NILM', { yearsAgo: 1 }).naat('ct-ng', 'negative', { monthsAgo: 1 }).finding('vaginal-lesion'),
    );
    const lesion = cardOf(cards, 'PCB-17');
    expect(lesion.indicator).toBe('warning');
    expect(lesion.summary).toMatch(
      /^URGENT: Suspicious vaginal lesion on examination today: urgent gynecology, vaginal colposcopy \+ biopsy|^Suspicious vaginal lesion on examination today/,
    );
    expect(lesion.detail).toContain('vaginal colposcopy and biopsy');
    expect(JSON.stringify(lesion.suggestions)).not.toContain('392003006');
  });

  it('Vera in UK mode: gynaecology and the 2-week wait are named', async () => {
    const cards = await cardsFor(
      'review-vaginal-lesion-uk',
      (b) => b.lmp({ weeksAgo: 2 }).cytology('NILM', { yearsAgo: 1 }).naat('ct-ng', 'negative', { monthsAgo: 1 }).finding('vaginal-lesion'),
      UK,
    );
    expect(cardOf(cards, 'PCB-17').detail).toMatch(/urgent gynaecology assessment.*2-week wait/s);
  });

  it('Ula, 30, no NAAT and cytology 1 year ago, US mode: US spelling in the data gap, "1 year ago", a short source label', async () => {
    const cards = await cardsFor('review-us-words', (b) => b.lmp({ weeksAgo: 2 }).cytology('NILM', { yearsAgo: 1 }));
    const text = cards.map((c) => `${c.summary}\n${c.detail}`).join('\n');
    expect(text).toContain('No chlamydia/gonorrhea NAAT on record');
    expect(text).not.toMatch(/gonorrhoea|\b1 years\b/);
    expect(text).toMatch(/cytology NILM on \d{4}-\d\d-\d\d, 1 year ago/);
    const workUp = cardOf(cards, 'PCB-10');
    expect(workUp.source.label).toBe('ASCCP 2017');
    expect(workUp.detail).toContain('ASCCP Clinical Practice Statement: Evaluation of the cervix');
  });
});

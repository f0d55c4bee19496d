import type { PatientRecord } from '@pcb-cds/postcoital-bleeding-facts';
import { deriveFacts, US_PARAMETERS } from '@pcb-cds/postcoital-bleeding-facts';
import { chart, TODAY, yearsAgo } from '@pcb-cds/postcoital-bleeding-facts/testing';
import { evaluatePostcoitalBleeding } from './evaluate-postcoital-bleeding';

const safetyNet = (record: PatientRecord): string | undefined =>
  evaluatePostcoitalBleeding(deriveFacts(record, US_PARAMETERS), US_PARAMETERS).find((r) => r.ruleId === 'PCB-10')?.safetyNet;

describe('R2-15 safety-netting line: pregnancy named only where she can become pregnant', () => {
  it.each<[string, PatientRecord, boolean]>([
    ['Ada, 28, uterus present: names pregnancy', chart(28), true],
    [
      'Bea, 52, total hysterectomy 10 years ago: no pregnancy clause',
      chart(52, { hysterectomy: [{ date: yearsAgo(10), group: 'no-cervix', code: '116140006' }] }),
      false,
    ],
    [
      'Cleo, 60, postmenopausal: no pregnancy clause',
      chart(60, { menopausalStatus: [{ date: TODAY, value: 'post', source: 'observation' }] }),
      false,
    ],
  ])('%s', (_name, record, namesPregnancy) => {
    const line = safetyNet(record);
    expect(line).toContain('seek urgent care if the bleeding is heavy or lasts more than 24 hours');
    expect(line?.includes('pregnant')).toBe(namesPregnancy);
  });
});

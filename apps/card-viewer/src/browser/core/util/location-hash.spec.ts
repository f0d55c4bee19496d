import { hashForPatient, patientIdFromHash } from './location-hash';

describe('the patient in the URL hash', () => {
  it('round-trips ids, including ones that need escaping', () => {
    for (const id of ['pcb-demo-pregnant-30w', 'a b/c#d']) {
      expect(patientIdFromHash(hashForPatient(id))).toBe(id);
    }
  });

  it('ignores other hashes and broken escapes', () => {
    expect(patientIdFromHash('')).toBeUndefined();
    expect(patientIdFromHash('#other=1')).toBeUndefined();
    expect(patientIdFromHash('#patient=%E0%A4%A')).toBeUndefined();
  });
});

import type { OrderAdvice } from '@pcb-cds/postcoital-bleeding-rules';
import type { ReasonFacts } from '@pcb-cds/postcoital-bleeding-terminology';
import { defaultTerminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { draftServiceRequest } from './draft-service-request';

const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';
const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const WHO_ICD10 = 'http://hl7.org/fhir/sid/icd-10';
const PROJECT = 'http://pcb-cds.org/fhir/CodeSystem/pcb-facts';

const premenopausal: ReasonFacts = { pregnancy: { status: 'no' }, menopause: { status: 'pre' } };
const pregnantAt = (weeks: number): ReasonFacts => ({
  pregnancy: { status: 'yes', gestationalAgeWeeks: weeks },
  menopause: { status: 'pre' },
});
const order = (kind: OrderAdvice['kind'], priority: OrderAdvice['priority'] = 'routine', reason = 'work-up'): OrderAdvice => ({
  kind,
  priority,
  reason,
});

describe('draftServiceRequest: an order an EHR can act on (R2-14)', () => {
  it('CBC for heavy bleeding: LOINC 58410-2 with its long common name, laboratory category, stat, N93.0 with the rule reason', () => {
    const sr = draftServiceRequest(
      order('cbc', 'stat', 'heavy bleeding'),
      { patientId: 'p1', encounterId: 'e1', facts: premenopausal },
      defaultTerminology,
    );
    expect(sr).toEqual({
      resourceType: 'ServiceRequest',
      status: 'draft',
      intent: 'proposal',
      category: [{ coding: [{ system: SNOMED, code: '108252007', display: 'Laboratory procedure' }] }],
      priority: 'stat',
      code: {
        coding: [{ system: LOINC, code: '58410-2', display: 'CBC panel - Blood by Automated count' }],
        text: 'Complete blood count (CBC)',
      },
      subject: { reference: 'Patient/p1' },
      encounter: { reference: 'Encounter/e1' },
      reasonCode: [{ coding: [{ system: ICD10CM, code: 'N93.0', display: 'Postcoital and contact bleeding' }], text: 'heavy bleeding' }],
    });
  });

  it('obstetric ultrasound at 32 weeks (US): SNOMED 268445003 first, the project code as an extra, imaging; O46.93 and Z3A.32 as two reasons', () => {
    const sr = draftServiceRequest(
      order('obstetric-ultrasound', 'stat', 'placental site'),
      { patientId: 'p2', facts: pregnantAt(32), jurisdiction: 'US' },
      defaultTerminology,
    );
    expect(sr.code?.coding).toEqual([
      { system: SNOMED, code: '268445003', display: 'Ultrasound scan - obstetric' },
      { system: PROJECT, code: 'obstetric-ultrasound', display: 'Obstetric ultrasound' },
    ]);
    expect(sr.code?.text).toBe('Obstetric ultrasound (viability, dating, placental site)');
    expect(sr.category?.[0].coding?.[0].code).toBe('363679005');
    expect(sr.reasonCode).toEqual([
      {
        coding: [{ system: ICD10CM, code: 'O46.93', display: 'Antepartum hemorrhage, unspecified, third trimester' }],
        text: 'placental site',
      },
      { coding: [{ system: ICD10CM, code: 'Z3A.32', display: '32 weeks gestation of pregnancy' }] },
    ]);
    expect(sr.encounter).toBeUndefined();
  });

  it('the same order in UK mode: WHO ICD-10 O46.9 only, no trimester digit, no Z3A', () => {
    const sr = draftServiceRequest(
      order('obstetric-ultrasound', 'stat', 'placental site'),
      { patientId: 'p2', facts: pregnantAt(32), jurisdiction: 'UK' },
      defaultTerminology,
    );
    expect(sr.reasonCode).toEqual([
      { coding: [{ system: WHO_ICD10, code: 'O46.9', display: 'Antepartum haemorrhage, unspecified' }], text: 'placental site' },
    ]);
  });

  it('UK mode: the FBC text in UK words, the same LOINC code, the WHO ICD-10 N93.0 reason', () => {
    const sr = draftServiceRequest(
      order('cbc', 'stat', 'heavy bleeding'),
      { patientId: 'p5', facts: premenopausal, jurisdiction: 'UK' },
      defaultTerminology,
    );
    expect(sr.code).toEqual({
      coding: [{ system: LOINC, code: '58410-2', display: 'CBC panel - Blood by Automated count' }],
      text: 'Full blood count (FBC)',
    });
    expect(sr.reasonCode?.[0].coding).toEqual([{ system: WHO_ICD10, code: 'N93.0', display: 'Postcoital and contact bleeding' }]);
  });

  it('referral to gynaecology: SNOMED referral concept, Patient referral category', () => {
    const sr = draftServiceRequest(order('gynecology-referral', 'routine'), { patientId: 'p3', facts: premenopausal }, defaultTerminology);
    expect(sr.code?.coding).toEqual([{ system: SNOMED, code: '308485000', display: 'Referral to gynecologist' }]);
    expect(sr.category?.[0].coding?.[0]).toEqual({ system: SNOMED, code: '3457005', display: 'Patient referral' });
  });

  it('an order with no verified standard code is a text order with the project code alone', () => {
    const sr = draftServiceRequest(order('crossmatch', 'stat'), { patientId: 'p4', facts: premenopausal }, defaultTerminology);
    expect(sr.code).toEqual({
      coding: [{ system: PROJECT, code: 'crossmatch', display: 'Crossmatch' }],
      text: 'Crossmatch red cells for transfusion',
    });
  });
});

import { ORDER_CATALOGUE } from './order-catalogue';
import { addDraft, catalogueDraft, draftLabel, draftReference, emptyPad, isDraftOf, removeDraft, signedOrder } from './order-pad';

const ecc = ORDER_CATALOGUE.find((o) => o.key === 'endocervical-curettage');
const hcg = ORDER_CATALOGUE.find((o) => o.key === 'urine-hcg');
const now = new Date('2026-11-22T10:00:00Z');

describe('the order pad', () => {
  if (!ecc || !hcg) {
    throw new Error('catalogue changed');
  }
  const draft = catalogueDraft(ecc, 'p1', 'draft-1', now);

  it('starts a catalogue order as a draft ServiceRequest for the patient', () => {
    expect(draft).toEqual({
      resourceType: 'ServiceRequest',
      id: 'draft-1',
      status: 'draft',
      intent: 'order',
      code: {
        coding: [{ system: 'http://snomed.info/sct', code: '52889002', display: 'Endocervical curettage' }],
        text: 'Endocervical curettage (ECC)',
      },
      subject: { reference: 'Patient/p1' },
      authoredOn: '2026-11-22T10:00:00.000Z',
    });
    expect(draftReference(draft)).toBe('ServiceRequest/draft-1');
    expect(draftLabel(draft)).toBe('Endocervical curettage (ECC)');
    expect(isDraftOf(draft, ecc)).toBe(true);
    expect(isDraftOf(draft, hcg)).toBe(false);
  });

  it('recognises a draft by any of the order’s codings (a standard code, or the project code written before it)', () => {
    const tvus = ORDER_CATALOGUE.find((o) => o.key === 'transvaginal-ultrasound');
    if (!tvus) {
      throw new Error('catalogue changed');
    }
    const byProjectCode = {
      ...draft,
      code: { coding: [{ system: 'http://pcb-cds.org/fhir/CodeSystem/pcb-facts', code: 'transvaginal-ultrasound' }] },
    };
    expect(isDraftOf(byProjectCode, tvus)).toBe(true);
    expect(catalogueDraft(tvus, 'p1', 'draft-2', now)['code']).toEqual({
      coding: [
        { system: 'http://snomed.info/sct', code: '429915000', display: 'Transvaginal ultrasonography of pelvis' },
        { system: 'http://pcb-cds.org/fhir/CodeSystem/pcb-facts', code: 'transvaginal-ultrasound', display: 'Transvaginal ultrasound' },
      ],
      text: 'Transvaginal ultrasound (endometrial thickness)',
    });
  });

  it('adds (replacing a draft with the same id) and removes drafts', () => {
    const pad = addDraft(addDraft(emptyPad('p1'), draft), { ...draft, priority: 'stat' });
    expect(pad.drafts).toEqual([{ ...draft, priority: 'stat' }]);
    expect(removeDraft(pad, 'ServiceRequest/draft-1').drafts).toEqual([]);
  });

  it('signs a draft as an active order without its draft id', () => {
    expect(signedOrder(draft)).toEqual({ ...draft, id: undefined, status: 'active' });
    expect(signedOrder({ ...draft, intent: 'proposal' })['intent']).toBe('order');
    expect('id' in signedOrder(draft)).toBe(false);
  });
});

import type { Card } from './cds-wire';
import { acceptedFeedback, orderSelectRequest, orderSignRequest, overriddenFeedback, patientViewRequest } from './hook-requests';

const basis = { fhirServer: 'http://127.0.0.1:8081/fhir', userId: 'Practitioner/viewer', patientId: 'p1', hookInstance: 'h-1' };
const at = new Date('2026-11-22T10:00:00.123Z');
const card: Card = { uuid: 'c-1', summary: 's', indicator: 'warning', source: { label: 'x' } };
const reason = { system: 'http://pcb-cds.org/fhir/CodeSystem/override-reasons', code: 'done-elsewhere', display: 'Done elsewhere' };
const draft = { resourceType: 'ServiceRequest', id: 'draft-1', status: 'draft' };

describe('hook requests', () => {
  it('patient-view names the FHIR server and the patient, without prefetch', () => {
    expect(patientViewRequest(basis)).toEqual({
      hook: 'patient-view',
      hookInstance: 'h-1',
      fhirServer: 'http://127.0.0.1:8081/fhir',
      context: { userId: 'Practitioner/viewer', patientId: 'p1' },
    });
  });

  it('order-select carries the selections and the draft orders as a collection Bundle', () => {
    expect(orderSelectRequest(basis, [draft], ['ServiceRequest/draft-1']).context).toEqual({
      userId: 'Practitioner/viewer',
      patientId: 'p1',
      selections: ['ServiceRequest/draft-1'],
      draftOrders: { resourceType: 'Bundle', type: 'collection', entry: [{ resource: draft }] },
    });
  });

  it('order-sign carries the draft orders and no selections', () => {
    const request = orderSignRequest(basis, [draft]);
    expect(request.hook).toBe('order-sign');
    expect(request.context.selections).toBeUndefined();
    expect(request.context.draftOrders).toEqual({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: draft }] });
  });
});

describe('feedback', () => {
  it('accepted: the card, the suggestion and an instant to the second', () => {
    expect(acceptedFeedback(card, { label: 'l', uuid: 's-1' }, at)).toEqual({
      feedback: [{ card: 'c-1', outcome: 'accepted', acceptedSuggestions: [{ id: 's-1' }], outcomeTimestamp: '2026-11-22T10:00:00Z' }],
    });
  });

  it('overridden: the reason and a trimmed comment', () => {
    expect(overriddenFeedback(card, at, reason, '  seen at the clinic  ')).toEqual({
      feedback: [
        {
          card: 'c-1',
          outcome: 'overridden',
          overrideReason: { reason, userComment: 'seen at the clinic' },
          outcomeTimestamp: '2026-11-22T10:00:00Z',
        },
      ],
    });
  });

  it('overridden without reason or comment has no overrideReason (cds-fb-3 forbids an empty one)', () => {
    expect(overriddenFeedback(card, at, undefined, '   ')?.feedback[0]).toEqual({
      card: 'c-1',
      outcome: 'overridden',
      outcomeTimestamp: '2026-11-22T10:00:00Z',
    });
    expect(overriddenFeedback(card, at, undefined, 'comment only')?.feedback[0].overrideReason).toEqual({ userComment: 'comment only' });
  });

  it('cannot give feedback on a card or suggestion without a uuid', () => {
    expect(acceptedFeedback({ ...card, uuid: undefined }, { label: 'l', uuid: 's' }, at)).toBeUndefined();
    expect(acceptedFeedback(card, { label: 'l' }, at)).toBeUndefined();
    expect(overriddenFeedback({ ...card, uuid: undefined }, at, reason)).toBeUndefined();
  });
});

import type { CardAction } from '../hooks/cds-wire';
import { planActions } from './plan-actions';

const sr = { resourceType: 'ServiceRequest', status: 'draft', intent: 'proposal', code: { text: 'Urine hCG' } };
const create: CardAction = { type: 'create', description: 'Order hCG', resource: sr };
let n = 0;
const newId = (): string => `draft-${++n}`;

describe('planActions', () => {
  beforeEach(() => (n = 0));

  it('applies a patient-view suggestion to the FHIR server: POST without id, PUT by id, DELETE by reference', () => {
    const plan = planActions(
      [
        { ...create, resource: { ...sr, id: 'from-card' } },
        { type: 'update', description: 'u', resource: { ...sr, id: 'sr-1' } },
        { type: 'delete', description: 'd', resourceId: 'ServiceRequest/sr-2' },
      ],
      undefined,
      newId,
    );
    expect(plan).toEqual({
      fhir: [
        { method: 'POST', path: 'ServiceRequest', body: sr, description: 'Order hCG' },
        { method: 'PUT', path: 'ServiceRequest/sr-1', body: { ...sr, id: 'sr-1' }, description: 'u' },
        { method: 'DELETE', path: 'ServiceRequest/sr-2', description: 'd' },
      ],
      pad: [],
      problems: [],
    });
  });

  it('keeps an order-hook suggestion on the pad: replace an unsafe draft by a safer one', () => {
    const plan = planActions(
      [
        { type: 'delete', description: 'Remove ECC', resourceId: 'ServiceRequest/draft-ecc' },
        { ...create, description: 'Order colposcopy instead' },
      ],
      new Set(['ServiceRequest/draft-ecc']),
      newId,
    );
    expect(plan).toEqual({
      fhir: [],
      pad: [
        { kind: 'remove', reference: 'ServiceRequest/draft-ecc' },
        { kind: 'add', draft: { ...sr, id: 'draft-1', status: 'draft' } },
      ],
      problems: [],
    });
  });

  it('sends what is not an order on the pad to the FHIR server even from an order hook', () => {
    const plan = planActions(
      [
        { type: 'create', description: 'note', resource: { resourceType: 'Communication' } },
        { type: 'delete', description: 'old', resourceId: 'ServiceRequest/on-server' },
        { type: 'update', description: 'draft', resource: { ...sr, id: 'd1' } },
      ],
      new Set(['ServiceRequest/d1']),
      newId,
    );
    expect(plan.fhir.map((r) => `${r.method} ${r.path}`)).toEqual(['POST Communication', 'DELETE ServiceRequest/on-server']);
    expect(plan.pad).toEqual([{ kind: 'replace', draft: { ...sr, id: 'd1' } }]);
  });

  it.each<[string, CardAction]>([
    ['a delete without a reference', { type: 'delete', description: 'd' }],
    ['a delete with a path', { type: 'delete', description: 'd', resourceId: '../../metadata' }],
    ['a delete with an absolute URL', { type: 'delete', description: 'd', resourceId: 'http://evil.example/ServiceRequest/1' }],
    ['a delete with extra segments', { type: 'delete', description: 'd', resourceId: 'ServiceRequest/1/_history/2' }],
    ['a create without a resource', { type: 'create', description: 'c' }],
    ['a create with a bad type', { type: 'create', description: 'c', resource: { resourceType: '../Patient' } }],
    ['an update without an id', { type: 'update', description: 'u', resource: sr }],
    ['an update with a bad id', { type: 'update', description: 'u', resource: { ...sr, id: 'a/b' } }],
  ])('refuses %s, and then applies nothing of the suggestion', (_name, bad) => {
    const plan = planActions([create, bad], undefined, newId);
    expect(plan.fhir).toEqual([]);
    expect(plan.problems).toHaveLength(1);
  });
});

import { heldBackCards } from './held-back-cards';

describe('heldBackCards (response extension org.pcb-cds.suppressed)', () => {
  it('lists each held-back card with its reason display and the day it comes back', () => {
    const extension = {
      'org.pcb-cds.suppressed': {
        count: 2,
        cards: [
          {
            summary: 'Refer for colposcopy',
            reason: { code: 'done-elsewhere', display: 'Done elsewhere (outside records)' },
            until: '2027-01-02T18:09:55.562Z',
          },
          { summary: 'Work-up', reason: { code: 'accepted' }, until: '2026-12-17T10:00:00.000Z' },
        ],
      },
    };
    expect(heldBackCards(extension)).toEqual([
      { summary: 'Refer for colposcopy', reason: 'Done elsewhere (outside records)', until: '2027-01-02' },
      { summary: 'Work-up', reason: 'suggestion accepted', until: '2026-12-17' },
    ]);
  });

  it('reads nothing from a response without it, and skips malformed entries', () => {
    expect(heldBackCards(undefined)).toEqual([]);
    expect(heldBackCards({ 'org.pcb-cds.suppressed': 'x' })).toEqual([]);
    expect(heldBackCards({ 'org.pcb-cds.suppressed': { cards: [null, { summary: 3 }, { summary: 'ok' }] } })).toEqual([
      { summary: 'ok', reason: 'no reason given', until: '' },
    ]);
  });
});

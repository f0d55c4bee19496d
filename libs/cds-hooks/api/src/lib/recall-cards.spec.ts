import type { Card, CardMemory, CdsResponse, HookRequest } from '@pcb-cds/cds-hooks-model';
import { recallCards } from './recall-cards';

const REQUEST = { hook: 'patient-view', hookInstance: 'h-1', context: { userId: 'Practitioner/1', patientId: 'p-1' } } as HookRequest;
const card = (summary: string): Card => ({ uuid: summary, summary, indicator: 'info', source: { label: 's' } });
const RESPONSE: CdsResponse = { cards: [card('a'), card('b')], extension: { 'org.example.other': { x: 1 } } };

describe('recallCards (the card-memory step before the response)', () => {
  it('sends what the memory keeps and merges what it says into the response extension', async () => {
    const memory: CardMemory = {
      recall: async (issued) => ({ cards: issued.cards.slice(1), extension: { 'org.pcb-cds.suppressed': { count: 1, cards: [] } } }),
    };
    const out = await recallCards(memory, 'svc', REQUEST, RESPONSE, { error: jest.fn() });
    expect(out.cards.map((c) => c.summary)).toEqual(['b']);
    expect(out.extension).toEqual({ 'org.example.other': { x: 1 }, 'org.pcb-cds.suppressed': { count: 1, cards: [] } });
  });

  it('a memory that fails (its store is down) costs only the memory: every card is sent, the failure logged without data', async () => {
    const error = jest.fn();
    const memory: CardMemory = { recall: async () => Promise.reject(new TypeError('connect ECONNREFUSED patient p-1')) };
    const out = await recallCards(memory, 'svc', REQUEST, RESPONSE, { error });
    expect(out).toBe(RESPONSE);
    expect(error).toHaveBeenCalledWith('card memory unavailable, cards sent unfiltered: TypeError');
  });

  it('without a memory, or without cards, the response is unchanged and the memory not asked', async () => {
    const recall = jest.fn();
    expect(await recallCards(undefined, 'svc', REQUEST, RESPONSE, { error: jest.fn() })).toBe(RESPONSE);
    const empty = { cards: [] };
    expect(await recallCards({ recall }, 'svc', REQUEST, empty, { error: jest.fn() })).toBe(empty);
    expect(recall).not.toHaveBeenCalled();
  });
});

import type { Card, CdsResponse } from '@pcb-cds/cds-hooks-model';
import { assertCdsHooksInvariants, readSpecJson } from '../testing';
import { MAX_SUMMARY_LENGTH, normalizeResponse } from './normalize-response';

const source = { label: 'Test' };
const card = (summary: string, indicator: Card['indicator'], extra: Partial<Card> = {}): Card => ({ summary, indicator, source, ...extra });

function sequentialUuids(): () => string {
  let n = 0;
  return () => `uuid-${++n}`;
}

/** Every value at any depth, to look for nulls and empties. */
function allValues(value: unknown): unknown[] {
  if (Array.isArray(value)) {
    return [value, ...value.flatMap(allValues)];
  }
  if (typeof value === 'object' && value !== null) {
    return [value, ...Object.values(value).flatMap(allValues)];
  }
  return [value];
}

describe('normalizeResponse', () => {
  it('always answers a cards array', () => {
    expect(normalizeResponse(undefined).response).toEqual({ cards: [] });
    expect(normalizeResponse(null).response).toEqual({ cards: [] });
    expect(normalizeResponse({} as CdsResponse).response).toEqual({ cards: [] });
    const broken = normalizeResponse({ cards: 'nope' } as unknown as CdsResponse);
    expect(broken.response).toEqual({ cards: [] });
    expect(broken.warnings).toHaveLength(1);
  });

  it('gives a fresh uuid to every card and suggestion without one, and keeps existing ones', () => {
    const { response } = normalizeResponse(
      {
        cards: [
          card('a', 'info', { suggestions: [{ label: 's1' }, { label: 's2', uuid: 'keep-s2' }], selectionBehavior: 'any' }),
          card('b', 'info', { uuid: 'keep-b' }),
          card('c', 'info', { uuid: '' }),
        ],
      },
      { newUuid: sequentialUuids() },
    );
    expect(response.cards.map((c) => c.uuid)).toEqual(['uuid-1', 'keep-b', 'uuid-3']);
    expect(response.cards[0].suggestions?.map((s) => s.uuid)).toEqual(['uuid-2', 'keep-s2']);
  });

  it('uses crypto.randomUUID by default: distinct uuids on every call', () => {
    const raw = { cards: [card('a', 'info')] };
    const first = normalizeResponse(raw).response.cards[0].uuid;
    const second = normalizeResponse(raw).response.cards[0].uuid;
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second).not.toBe(first);
  });

  it('does not mutate the input (services may return shared constant cards)', () => {
    const raw: CdsResponse = { cards: [card('x'.repeat(200), 'info', { detail: '', suggestions: [{ label: 's' }] })] };
    const before = JSON.stringify(raw);
    normalizeResponse(raw);
    expect(JSON.stringify(raw)).toBe(before);
  });

  it('removes null, undefined, empty-string and empty-array optional fields at any depth', () => {
    const raw = {
      cards: [
        {
          summary: 'x',
          indicator: 'warning',
          detail: '',
          source: { label: 'Test', url: null, icon: '', topic: undefined },
          links: [],
          overrideReasons: null,
          suggestions: [
            {
              label: 'do it',
              isRecommended: null,
              actions: [{ type: 'create', description: 'create', resource: { resourceType: 'ServiceRequest', note: [], id: '' } }],
            },
          ],
          selectionBehavior: 'at-most-one',
          extension: { a: null, b: [] },
        },
      ],
      systemActions: [],
      extension: {},
    } as unknown as CdsResponse;
    const { response } = normalizeResponse(raw, { newUuid: sequentialUuids() });
    expect(response).toEqual({
      cards: [
        {
          uuid: 'uuid-1',
          summary: 'x',
          indicator: 'warning',
          source: { label: 'Test' },
          suggestions: [
            {
              label: 'do it',
              uuid: 'uuid-2',
              actions: [{ type: 'create', description: 'create', resource: { resourceType: 'ServiceRequest' } }],
            },
          ],
          selectionBehavior: 'at-most-one',
        },
      ],
    });
    for (const value of allValues(response)) {
      expect(value).not.toBeNull();
      expect(value).not.toBe('');
      expect(value).not.toEqual([]);
      expect(value).not.toEqual({});
    }
  });

  it('keeps empty required fields (removing them would hide the service bug, not fix it)', () => {
    const { response } = normalizeResponse({ cards: [{ summary: '', indicator: 'info', source: { label: '' } }] });
    expect(response.cards[0]).toMatchObject({ summary: '', source: { label: '' } });
  });

  it('truncates a summary longer than 139 characters with … and warns', () => {
    const long = 'A'.repeat(150);
    const { response, warnings } = normalizeResponse({ cards: [card(long, 'info'), card('B'.repeat(139), 'info')] });
    expect(response.cards[0].summary).toBe(`${'A'.repeat(138)}…`);
    expect([...response.cards[0].summary]).toHaveLength(MAX_SUMMARY_LENGTH);
    expect(response.cards[1].summary).toBe('B'.repeat(139));
    expect(warnings).toEqual([expect.stringContaining('150 characters')]);
    expect(warnings.join()).not.toContain('AAAA'); // no card text (PHI) in warnings
  });

  it('counts characters, not UTF-16 units, when truncating', () => {
    const emoji = '🩸'.repeat(139); // 278 UTF-16 units, 139 characters: fits
    expect(normalizeResponse({ cards: [card(emoji, 'info')] }).response.cards[0].summary).toBe(emoji);
    const longer = normalizeResponse({ cards: [card('🩸'.repeat(140), 'info')] }).response.cards[0].summary;
    expect([...longer]).toHaveLength(139);
    expect(longer.endsWith('🩸…')).toBe(true);
  });

  it('sorts critical → warning → info, stable within an indicator', () => {
    const { response } = normalizeResponse({
      cards: [
        card('i1', 'info'),
        card('w1', 'warning'),
        card('c1', 'critical'),
        card('i2', 'info'),
        card('w2', 'warning'),
        card('c2', 'critical'),
      ],
    });
    expect(response.cards.map((c) => c.summary)).toEqual(['c1', 'c2', 'w1', 'w2', 'i1', 'i2']);
  });

  it('adds selectionBehavior whenever there are suggestions, and warns', () => {
    const one = normalizeResponse({ cards: [card('a', 'info', { suggestions: [{ label: 's', isRecommended: true }, { label: 't' }] })] });
    expect(one.response.cards[0].selectionBehavior).toBe('at-most-one');
    expect(one.warnings).toEqual([expect.stringContaining('selectionBehavior')]);
    const several = normalizeResponse({
      cards: [
        card('a', 'info', {
          suggestions: [
            { label: 's', isRecommended: true },
            { label: 't', isRecommended: true },
          ],
        }),
      ],
    });
    expect(several.response.cards[0].selectionBehavior).toBe('any'); // at-most-one would break cds-resp-1
    const given = normalizeResponse({ cards: [card('a', 'info', { suggestions: [{ label: 's' }], selectionBehavior: 'any' })] });
    expect(given.response.cards[0].selectionBehavior).toBe('any');
    expect(given.warnings).toEqual([]);
  });

  it('keeps systemActions, extensions and unknown fields that have content', () => {
    const raw = {
      cards: [],
      systemActions: [{ type: 'update', description: 'u', resource: { resourceType: 'ServiceRequest', id: '1' } }],
      extension: { 'org.example.x': { y: 1 } },
    } as CdsResponse;
    expect(normalizeResponse(raw).response).toEqual(raw);
  });

  it.each(['response-cards-links-overrideReasons.json', 'response-empty-cards.json', 'response-systemActions.json'])(
    'leaves the spec example %s valid (invariants) and its content intact',
    (file) => {
      const example = readSpecJson<CdsResponse>(`cds-hooks-spec/spec-2.0.1-examples/${file}`);
      const { response } = normalizeResponse(example, { newUuid: sequentialUuids() });
      expect(assertCdsHooksInvariants('response', response).evaluations).toBeGreaterThan(0);
      expect(response.cards.map((c) => c.summary).sort()).toEqual(example.cards.map((c) => c.summary).sort());
    },
  );
});

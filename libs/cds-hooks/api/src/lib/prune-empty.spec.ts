import { pruneEmpty, pruneOptionalFields } from './prune-empty';

describe('pruneEmpty', () => {
  it('removes null, undefined, empty strings, and arrays/objects left empty, at any depth', () => {
    expect(pruneEmpty({ a: null, b: '', c: [], d: {}, e: { f: [null, ''] }, g: [1, null, { h: '' }], i: 0, j: false })).toEqual({
      g: [1],
      i: 0,
      j: false,
    });
    expect(pruneEmpty({ a: null })).toBeUndefined();
    expect(pruneEmpty('')).toBeUndefined();
  });

  it('keeps what JSON.stringify would write, as a copy', () => {
    const input = {
      when: new Date('2026-11-22T07:00:00Z'),
      run: () => 1,
      nan: Number.NaN,
      inf: Infinity,
      nested: { list: [1, { a: 'b' }] },
    };
    const pruned = pruneEmpty(input) as { when: string; nested: { list: [number, { a: string }] } };
    expect(pruned).toEqual({ when: '2026-11-22T07:00:00.000Z', nested: { list: [1, { a: 'b' }] } });
    expect(JSON.stringify(pruned)).toBe(
      JSON.stringify(JSON.parse(JSON.stringify(input)), (_k, v: unknown) => (v === null ? undefined : v)),
    );
    pruned.nested.list[1].a = 'changed';
    expect(input.nested.list[1]).toEqual({ a: 'b' });
  });

  it('keeps a "__proto__" key as an own property, without setting a prototype', () => {
    const pruned = pruneEmpty(JSON.parse('{"__proto__":{"x":1}}')) as object;
    expect(Object.getPrototypeOf(pruned)).toBe(Object.prototype);
    expect(JSON.stringify(pruned)).toBe('{"__proto__":{"x":1}}');
  });
});

describe('pruneOptionalFields', () => {
  it('prunes all but the required fields, which stay as given', () => {
    expect(pruneOptionalFields({ summary: '', detail: '', source: {} }, ['summary', 'source'])).toEqual({ summary: '', source: {} });
  });
});

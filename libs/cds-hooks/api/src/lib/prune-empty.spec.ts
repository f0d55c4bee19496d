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
});

describe('pruneOptionalFields', () => {
  it('prunes all but the required fields, which stay as given', () => {
    expect(pruneOptionalFields({ summary: '', detail: '', source: {} }, ['summary', 'source'])).toEqual({ summary: '', source: {} });
  });
});

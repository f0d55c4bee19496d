import { findLoneSurrogate } from './lone-surrogate';

describe('findLoneSurrogate', () => {
  it.each([
    ['a lone low surrogate in context.patientId', { context: { patientId: '\udfff' } }, 'context.patientId'],
    ['a lone high surrogate at the end of hookInstance', { hookInstance: 'abc\ud800' }, 'hookInstance'],
    ['a reversed pair', { a: '\udc00\ud800' }, 'a'],
    [
      'one inside an array of draft orders',
      { draftOrders: { entry: [{ resource: { id: 'ok' } }, { resource: { id: 'x\ud83dy' } }] } },
      'draftOrders.entry[1].resource.id',
    ],
    ['one in a key (shown as U+FFFD)', { context: { ['k\udfff']: 1 } }, 'context.k\ufffd'],
    ['a top-level string', '\udfff', '(body)'],
  ])('finds %s', (_name, value, path) => {
    expect(findLoneSurrogate(value)).toBe(path);
  });

  it.each([
    ['ASCII', { hookInstance: 'd1577c69', context: { patientId: 'pcb-demo-1' } }],
    ['a proper surrogate pair (an emoji) and accented letters', { comment: 'ok 😀 é 日本' }],
    ['numbers, booleans and null', [1, true, null, { a: 2 }]],
  ])('finds nothing in %s', (_name, value) => {
    expect(findLoneSurrogate(value)).toBeUndefined();
  });
});

import { exceedsJsonNestingDepth } from './json-nesting-depth';

const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');

describe('exceedsJsonNestingDepth', () => {
  it.each([
    ['a flat object at depth 1', '{"a":1}', 1, false],
    ['two levels against a limit of 1', '{"a":[1]}', 1, true],
    ['exactly the limit', '[[[]]]', 3, false],
    ['one more than the limit', '[[[[]]]]', 3, true],
    ['siblings do not add up', '[[],[],[],[]]', 2, false],
    ['brackets inside strings do not count', '{"a":"[[[[[[{{{{"}', 1, false],
    ['an escaped quote does not end the string', '{"a":"\\"[[[[["}', 1, false],
    ['an escaped backslash before the closing quote does', '{"a":"\\\\","b":[[1]]}', 2, true],
    ['multi-byte characters around brackets', '{"é":["ü",["日本"]]}', 3, false],
    ['100,000 nested arrays', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 100, true],
  ])('%s', (_name, text, max, expected) => {
    expect(exceedsJsonNestingDepth(bytes(text), max)).toBe(expected);
  });
});

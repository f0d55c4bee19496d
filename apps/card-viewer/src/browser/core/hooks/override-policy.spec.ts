import { isCommentGiven, overrideNeedsComment } from './override-policy';

describe('overrideNeedsComment', () => {
  it.each([
    ['critical', true],
    ['warning', false],
    ['info', false],
  ] as const)('a %s card → %s', (indicator, expected) => {
    expect(overrideNeedsComment({ indicator })).toBe(expected);
  });
});

describe('isCommentGiven', () => {
  it.each([
    ['Patient declines transfer; obstetric team at bedside', true],
    ['', false],
    ['   \n\t ', false],
  ])('%j → %s', (comment, expected) => {
    expect(isCommentGiven(comment)).toBe(expected);
  });
});

import type { ExpectedAnswer } from './expected-answer';
import { describeQuery, expectedAnswerOf, expectedAnswerOfRelative } from './expected-answer';

const BASE = new URL('https://ehr.example/fhir/r4');
const expectation = (relative: string): ExpectedAnswer => expectedAnswerOf(new URL(`${BASE.href}/${relative}`), BASE);

describe('expectedAnswerOf: what a URL below the base asks for', () => {
  it.each<[string, ExpectedAnswer]>([
    ['Patient/123', { interaction: 'read', resourceType: 'Patient', id: '123' }],
    ['Patient/123/_history/4', { interaction: 'read', resourceType: 'Patient', id: '123' }],
    ['Patient/a%2Fb', { interaction: 'read', resourceType: 'Patient', id: 'a/b' }],
    ['Condition?patient=123', { interaction: 'search', resourceType: 'Condition' }],
    ['Condition', { interaction: 'search', resourceType: 'Condition' }],
    ['Condition/_search?patient=1', { interaction: 'search', resourceType: 'Condition' }],
    ['Patient/123/Condition', { interaction: 'search', resourceType: 'Condition' }],
    ['Patient/123/*', { interaction: 'search' }],
    ['?_type=Condition,Observation&patient=1', { interaction: 'search' }],
    ['Patient/123/$everything', { interaction: 'other' }],
    ['metadata', { interaction: 'other' }],
    ['Patient/_history', { interaction: 'other' }],
    ['Patient/123/_history', { interaction: 'other' }],
    ['', { interaction: 'other' }],
  ])('%s → %j', (relative, expected) => {
    expect(expectation(relative)).toEqual(expected);
  });

  it.each<[ExpectedAnswer, string]>([
    [{ interaction: 'read', resourceType: 'Patient', id: '1' }, 'read of Patient'],
    [{ interaction: 'search', resourceType: 'Observation' }, 'search for Observation'],
    [{ interaction: 'search' }, 'search'],
    [{ interaction: 'other' }, 'request'],
  ])('names %j in words without ids: %s', (expected, words) => {
    expect(describeQuery(expected)).toBe(words);
  });
});

describe('expectedAnswerOfRelative: the same for a prefetch template after token substitution', () => {
  it.each<[string, ExpectedAnswer]>([
    ['Patient/123', { interaction: 'read', resourceType: 'Patient', id: '123' }],
    ['/Condition?patient=123', { interaction: 'search', resourceType: 'Condition' }],
    ['Patient/123/$everything', { interaction: 'other' }],
  ])('%s → %j', (relative, expected) => {
    expect(expectedAnswerOfRelative(relative)).toEqual(expected);
  });
});

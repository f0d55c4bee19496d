import { deriveFacts, US_PARAMETERS } from '@pcb-cds/postcoital-bleeding-facts';
import { chart } from '@pcb-cds/postcoital-bleeding-facts/testing';
import { all, any, describeCondition, holds, not, predicate } from './condition';

const yes = predicate('yes', 'test', 'always', () => true);
const no = predicate('no', 'test', 'never', () => false);
const either = predicate('either', 'test', 'this OR that', () => true);
const facts = deriveFacts(chart(30), US_PARAMETERS);

describe('conditions built from named predicates', () => {
  it.each([
    ['all of true, true', all(yes, yes), true],
    ['all of true, false', all(yes, no), false],
    ['any of false, true', any(no, yes), true],
    ['any of false, false', any(no, no), false],
    ['not false', not(no), true],
    ['nested: true AND NOT (false OR false)', all(yes, not(any(no, no))), true],
  ])('%s', (_name, condition, expected) => {
    expect(holds(condition, facts, US_PARAMETERS)).toBe(expected);
  });

  it('describes a condition in words, bracketing what would otherwise read two ways', () => {
    expect(describeCondition(all(yes, not(any(no, yes))), US_PARAMETERS)).toBe('always AND NOT (never OR always)');
    expect(describeCondition(all(either, yes), US_PARAMETERS)).toBe('(this OR that) AND always');
    expect(describeCondition(either, US_PARAMETERS)).toBe('this OR that');
  });

  it('words a parameterised predicate with the parameter value', () => {
    const late = predicate(
      'late',
      'PCB-32',
      (p) => `pregnant at ≥${p.obTriageWeeks} weeks`,
      () => false,
    );
    expect(describeCondition(late, US_PARAMETERS)).toBe('pregnant at ≥20 weeks');
  });
});

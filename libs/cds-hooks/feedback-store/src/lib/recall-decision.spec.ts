import type { RememberedFeedback } from './card-memory-records';
import type { CardMemoryPolicy } from './card-memory-policy';
import { decideRecall, ruleKey } from './recall-decision';

const POLICY: CardMemoryPolicy = {
  overrideReasonDays: { 'already-referred': 30, 'patient-declined': 90, 'not-clinically-appropriate': 0 },
  acceptedSuggestionDays: 14,
  neverHiddenUrgencies: ['urgent', 'emergency', 'immediate'],
};
const NOW = new Date('2026-12-03T12:00:00.000Z');
const daysAgo = (n: number): string => new Date(NOW.getTime() - n * 86_400_000).toISOString();
const override = (code: string | undefined, days: number, evidenceHash = 'ev-1', ruleIds = ['PCB-15']): RememberedFeedback => ({
  ruleIds,
  evidenceHash,
  outcome: 'overridden',
  ...(code ? { reasonCode: code, reasonDisplay: `display of ${code}` } : {}),
  receivedAt: daysAgo(days),
});
const routine = { ruleIds: ['PCB-15'], evidenceHash: 'ev-1', urgency: 'soon' };

describe('decideRecall', () => {
  it('holds back a card "already referred" 29 days ago, until the 30th day', () => {
    expect(decideRecall(routine, [override('already-referred', 29)], POLICY, NOW)).toEqual({
      kind: 'hold-back',
      reasonCode: 'already-referred',
      reasonDisplay: 'display of already-referred',
      decidedAt: daysAgo(29),
      until: daysAgo(-1),
    });
  });

  it('shows it again once the window has passed (31 days after "already referred")', () => {
    expect(decideRecall(routine, [override('already-referred', 31)], POLICY, NOW)).toEqual({ kind: 'show' });
  });

  it('takes the longest running window when several overrides match', () => {
    const decision = decideRecall(routine, [override('patient-declined', 60), override('already-referred', 1)], POLICY, NOW);
    expect(decision).toMatchObject({
      kind: 'hold-back',
      reasonCode: 'patient-declined',
      until: new Date(Date.parse(daysAgo(60)) + 90 * 86_400_000).toISOString(),
    });
  });

  it('shows the card when the evidence changed (a new result after "patient declined")', () => {
    expect(decideRecall(routine, [override('patient-declined', 1, 'ev-old')], POLICY, NOW)).toEqual({ kind: 'show' });
  });

  it('never holds back for a reason with 0 days, an unknown code or no coded reason', () => {
    for (const h of [override('not-clinically-appropriate', 1), override('some-local-code', 1), override(undefined, 1)]) {
      expect(decideRecall(routine, [h], POLICY, NOW)).toEqual({ kind: 'show' });
    }
  });

  it('compares rules as a set: the same rules in another order match, one more rule does not', () => {
    expect(
      decideRecall(
        { ...routine, ruleIds: ['PCB-11', 'PCB-10'] },
        [override('already-referred', 1, 'ev-1', ['PCB-10', 'PCB-11'])],
        POLICY,
        NOW,
      ).kind,
    ).toBe('hold-back');
    expect(
      decideRecall(
        { ...routine, ruleIds: ['PCB-10', 'PCB-11', 'PCB-13'] },
        [override('already-referred', 1, 'ev-1', ['PCB-10', 'PCB-11'])],
        POLICY,
        NOW,
      ).kind,
    ).toBe('show');
    expect(ruleKey(['b', 'a', 'b'])).toBe('a b');
  });

  it('an emergency overridden yesterday is shown, saying it was dismissed and why', () => {
    expect(decideRecall({ ...routine, urgency: 'emergency' }, [override('already-referred', 1)], POLICY, NOW)).toEqual({
      kind: 'show-with-note',
      note: `Dismissed on ${daysAgo(1).slice(0, 10)}: display of already-referred.`,
    });
  });

  it('an accepted suggestion holds back the same rules for 14 days whatever the evidence', () => {
    const accepted: RememberedFeedback = { ruleIds: ['PCB-15'], evidenceHash: 'ev-old', outcome: 'accepted', receivedAt: daysAgo(13) };
    expect(decideRecall(routine, [accepted], POLICY, NOW)).toMatchObject({ kind: 'hold-back', reasonCode: 'accepted' });
    expect(decideRecall(routine, [{ ...accepted, receivedAt: daysAgo(15) }], POLICY, NOW)).toEqual({ kind: 'show' });
  });

  it('a card without an evidence hash (a service that does not opt in) is never held back', () => {
    expect(decideRecall({ ruleIds: ['PCB-15'], urgency: 'soon' }, [override('already-referred', 1)], POLICY, NOW)).toEqual({
      kind: 'show',
    });
  });
});

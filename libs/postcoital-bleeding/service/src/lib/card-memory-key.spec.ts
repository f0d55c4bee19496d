import type { PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import type { Recommendation } from '@pcb-cds/postcoital-bleeding-rules';
import { evidenceHash } from './card-memory-key';

// Only the parts the hash reads: the recommendations' rule and `because` lines, the episode, the pregnancy evidence.
const rec = (because: Recommendation['because'], ruleId: Recommendation['ruleId'] = 'PCB-15'): Recommendation =>
  ({ ruleId, urgency: 'soon', because }) as Recommendation;
const facts = (
  pregnancy: Partial<PostcoitalBleedingFacts['pregnancy']> = { status: 'no' },
  start = '2026-10-15',
): PostcoitalBleedingFacts => ({ pcb: { start }, pregnancy }) as PostcoitalBleedingFacts;
const LINES = [
  { label: 'Postcoital bleeding', value: 'first recorded', date: '2026-10-15' },
  { label: 'Cotest', value: 'last negative 3 weeks ago', date: '2026-11-12' },
];

describe('evidenceHash: what counts as the same evidence', () => {
  it('the same facts give the same hash, whatever the order of lines', () => {
    expect(evidenceHash([rec(LINES)], facts())).toBe(evidenceHash([rec([...LINES].reverse())], facts()));
  });

  it('the passing of time alone is not new evidence ("3 weeks ago" becoming "4 weeks ago")', () => {
    const later = [LINES[0], { ...LINES[1], value: 'last negative 4 weeks ago' }];
    expect(evidenceHash([rec(later)], facts())).toBe(evidenceHash([rec(LINES)], facts()));
  });

  it.each([
    ['a new result (another date)', [rec([LINES[0], { ...LINES[1], date: '2026-12-01' }])], facts()],
    ['a new result (another value)', [rec([LINES[0], { ...LINES[1], value: 'last HPV positive 3 weeks ago' }])], facts()],
    ['a new episode', [rec(LINES)], facts({ status: 'no' }, '2026-12-01')],
    ['a change in pregnancy status', [rec(LINES)], facts({ status: 'yes', evidenceDate: '2026-12-01' })],
    ['a new negative pregnancy test', [rec(LINES)], facts({ status: 'no', recentNegativeTest: { date: '2026-12-01' } as never })],
    ['another rule', [rec(LINES, 'PCB-10')], facts()],
  ])('%s is new evidence', (_name, recs, f) => {
    expect(evidenceHash(recs, f)).not.toBe(evidenceHash([rec(LINES)], facts()));
  });
});

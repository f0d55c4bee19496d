import { UK_PARAMETERS, US_PARAMETERS } from '@pcb-cds/postcoital-bleeding-facts';
import { VERDICT_WORDING } from './order-verdict-wording';

describe('draft-order card wording', () => {
  it.each(
    Object.entries(VERDICT_WORDING).flatMap(([concern, w]) =>
      [US_PARAMETERS, UK_PARAMETERS].map((p) => [`${concern} (${p.jurisdiction})`, w, p] as const),
    ),
  )('%s: summary under 140 characters, guideline statement present', (_name, wording, p) => {
    expect([...wording.summary(p)].length).toBeLessThanOrEqual(139);
    expect(wording.guideline(p).length).toBeGreaterThan(20);
  });
});

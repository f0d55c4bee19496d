import { assertCdsHooksInvariants } from '@pcb-cds/cds-hooks-api/testing';
import type { Card } from '@pcb-cds/cds-hooks-model';
import { PUBLISHED_VIGNETTES } from '@pcb-cds/postcoital-bleeding-demo-patients';
import type { PcbTestStack } from './testing/pcb-test-stack';
import { startPcbTestStack } from './testing/pcb-test-stack';

const NOW = new Date();
const TODAY = NOW.toISOString().slice(0, 10);
const RANK = { none: 0, info: 1, warning: 2, critical: 3 } as const;

/** Any file name (seed articles, the specification) — never on a card a clinician reads (R2-15). */
const FILE_NAME = /\b[\w.-]+\.(txt|md|json|ts|js|yaml|yml|csv)\b|\b\d{3}_[0-9a-f]{16}\b|pcb-guideline|fact-encoding/i;
const readable = (c: Card): string =>
  [c.summary, c.detail ?? '', c.source.label, ...(c.links ?? []).map((l) => l.label)].join('\n').replace(/https?:\/\/\S+/g, '');

const rulesOf = (cards: Card[]): string[] => cards.flatMap((c) => (c.extension?.['org.pcb-cds.rules'] as string[]) ?? []).sort();
const highest = (cards: Card[]): keyof typeof RANK =>
  cards.reduce<keyof typeof RANK>((h, c) => (RANK[c.indicator] > RANK[h] ? c.indicator : h), 'none');

// pcb-guideline.md §5 (revision 2): every published vignette, end to end over HTTP, loaded into the
// embedded FHIR sandbox, in its jurisdiction, once with the service querying FHIR and once with full prefetch.
it('runs all 47 published vignettes of revision 2, each in US or UK mode', () => {
  expect(PUBLISHED_VIGNETTES).toHaveLength(47);
  expect(PUBLISHED_VIGNETTES.filter((v) => v.mode === 'UK').map((v) => v.id)).toEqual(['V52', 'V54', 'V55', 'V57', 'V63', 'V64']);
});

describe.each(['US', 'UK'] as const)('published vignettes in %s mode', (mode) => {
  let stack: PcbTestStack;
  const vignettes = PUBLISHED_VIGNETTES.filter((v) => v.mode === mode);

  beforeAll(async () => {
    stack = await startPcbTestStack({ today: TODAY, jurisdiction: mode, bundles: vignettes.map((v) => v.bundle(NOW)) });
  }, 60_000);
  afterAll(() => stack?.close());

  describe.each(['none', 'full'] as const)('prefetch: %s', (prefetch) => {
    it.each(vignettes.map((v) => [`${v.id}: ${v.description}`, v] as const))('%s', async (_name, v) => {
      const { status, body } = await stack.patientView(v.patientId, { prefetch });
      expect(status).toBe(200);
      expect(rulesOf(body.cards)).toEqual([...v.expectedRules].sort());
      expect(highest(body.cards)).toBe(v.highestIndicator);
      assertCdsHooksInvariants('response', body);
      for (const card of body.cards) {
        expect((card.links ?? []).length).toBeLessThanOrEqual(3);
        expect(readable(card)).not.toMatch(FILE_NAME);
        expect(`${card.summary}\n${card.detail ?? ''}`).not.toMatch(/\bPCB-\d{2}\b/);
      }
    });
  });
});

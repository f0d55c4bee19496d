import { assertCdsHooksInvariants } from '@pcb-cds/cds-hooks-api/testing';
import type { Card } from '@pcb-cds/cds-hooks-model';
import { DEMO_PATIENTS } from '@pcb-cds/postcoital-bleeding-demo-patients';
import { RULE_IDS } from '@pcb-cds/postcoital-bleeding-rules';
import { demoDataBundles } from './demo-data';
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

// What `npm start` must show for each demo patient: the rules pcb-guideline.md §2 (revision 2)
// fires for the story (the patient's `expectedRules`, worked out by hand) and the most urgent
// indicator. A UK patient is evaluated by a UK service (PCB_JURISDICTION=UK), as its story says.
describe('demo patients, as npm start serves them', () => {
  let stack: PcbTestStack;
  beforeAll(async () => {
    stack = await startPcbTestStack({ today: TODAY, bundles: demoDataBundles(NOW) });
  }, 60_000);
  afterAll(() => stack?.close());

  it('every card-emitting rule fires for at least one demo patient', () => {
    const fired = new Set(DEMO_PATIENTS.flatMap((p) => p.expectedRules));
    expect(RULE_IDS.filter((id) => !fired.has(id))).toEqual([]);
  });

  const us = DEMO_PATIENTS.filter((p) => p.jurisdiction === 'US');
  // Without prefetch (the service queries FHIR) and with every prefetch key filled (as an EHR does).
  describe.each(['none', 'full'] as const)('prefetch: %s', (prefetch) => {
    it.each(us.map((p) => [p.id, p.story, p] as const))('%s: %s', async (_id, _story, p) => {
      const { status, body } = await stack.patientView(p.id, { prefetch });
      expect(status).toBe(200);
      expect(rulesOf(body.cards)).toEqual([...p.expectedRules]);
      expect(highest(body.cards)).toBe(p.highestIndicator);
      assertCdsHooksInvariants('response', body);
      for (const card of body.cards) {
        expect(card.uuid).toMatch(/^[0-9a-f-]{36}$/);
        expect(card.summary.length).toBeLessThanOrEqual(139);
        expect((card.links ?? []).length).toBeLessThanOrEqual(3);
        expect(readable(card)).not.toMatch(FILE_NAME);
        expect(`${card.summary}\n${card.detail ?? ''}`).not.toMatch(/\bPCB-\d{2}\b/);
        for (const s of card.suggestions ?? []) {
          expect(s.uuid).toMatch(/^[0-9a-f-]{36}$/);
        }
      }
    });
  });

  it.each([
    ['CodeSystem/pcb-facts', 'http://pcb-cds.org/fhir/CodeSystem/pcb-facts'],
    ['Questionnaire/pcb-history', 'http://pcb-cds.org/fhir/Questionnaire/pcb-history'],
  ])('serves the published %s', async (path, url) => {
    const res = await fetch(`${stack.fhirBaseUrl}/${path}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { url: string }).url).toBe(url);
  });

  it('accepting a suggestion creates the draft ServiceRequest on the FHIR server', async () => {
    const { body } = await stack.patientView('pcb-demo-under-21');
    const action = body.cards[0].suggestions?.[0].actions?.[0];
    expect(action?.type).toBe('create');
    const created = await fetch(`${stack.fhirBaseUrl}/ServiceRequest`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify(action?.resource),
    });
    expect(created.status).toBe(201);
    // The order is now on the patient's chart: the next patient-view must not suggest it again.
    const again = await stack.patientView('pcb-demo-under-21');
    const labels = again.body.cards.flatMap((c) => c.suggestions ?? []).map((s) => s.label);
    expect(labels).not.toContain(body.cards[0].suggestions?.[0].label);
    expect(again.body.cards.map((c) => c.detail).join('\n')).toContain('Already ordered');
  });
});

describe('UK demo patients, as a PCB_JURISDICTION=UK service serves them', () => {
  const uk = DEMO_PATIENTS.filter((p) => p.jurisdiction === 'UK');
  let stack: PcbTestStack;
  beforeAll(async () => {
    stack = await startPcbTestStack({ today: TODAY, jurisdiction: 'UK', bundles: uk.map((p) => p.bundle(NOW)) });
  }, 60_000);
  afterAll(() => stack?.close());

  it('has at least one UK demo patient', () => {
    expect(uk.length).toBeGreaterThan(0);
  });

  it.each(uk.flatMap((p) => (['none', 'full'] as const).map((prefetch) => [p.id, prefetch, p.story, p] as const)))(
    '%s (prefetch: %s): %s',
    async (_id, prefetch, _story, p) => {
      const { status, body } = await stack.patientView(p.id, { prefetch });
      expect(status).toBe(200);
      expect(rulesOf(body.cards)).toEqual([...p.expectedRules]);
      expect(highest(body.cards)).toBe(p.highestIndicator);
      assertCdsHooksInvariants('response', body);
    },
  );
});

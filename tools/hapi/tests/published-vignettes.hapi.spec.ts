import { assertCdsHooksInvariants } from '@pcb-cds/cds-hooks-api/testing';
import type { Card } from '@pcb-cds/cds-hooks-model';
import { PUBLISHED_VIGNETTES } from '@pcb-cds/postcoital-bleeding-demo-patients';
import { loadBundle } from './hapi-fhir';
import type { ServiceOnHapi } from './service-on-hapi';
import { startServiceOnHapi } from './service-on-hapi';

jest.setTimeout(120_000);

const NOW = new Date();
const TODAY = NOW.toISOString().slice(0, 10);
const RANK = { none: 0, info: 1, warning: 2, critical: 3 } as const;

const rulesOf = (cards: Card[]): string[] => cards.flatMap((c) => (c.extension?.['org.pcb-cds.rules'] as string[]) ?? []).sort();
const highest = (cards: Card[]): keyof typeof RANK =>
  cards.reduce<keyof typeof RANK>((h, c) => (RANK[c.indicator] > RANK[h] ? c.indicator : h), 'none');

// pcb-guideline.md §5: every published vignette, end to end over HTTP, loaded into HAPI (PUTs with stable ids),
// in its jurisdiction: once with the service querying HAPI, once with the prefetch an EHR resolves on HAPI
// from the discovery templates, and once with first pages whose `next` links the service must follow on HAPI.
describe.each(['US', 'UK'] as const)('published vignettes on HAPI in %s mode', (mode) => {
  let service: ServiceOnHapi;
  const vignettes = PUBLISHED_VIGNETTES.filter((v) => v.mode === mode);

  beforeAll(async () => {
    for (const v of vignettes) {
      await loadBundle(v.bundle(NOW));
    }
    service = await startServiceOnHapi({ today: TODAY, jurisdiction: mode });
  }, 600_000);
  afterAll(() => service?.close());

  describe.each([['none'], ['full'], [{ pageSize: 2 }]] as const)('prefetch: %j', (prefetch) => {
    it.each(vignettes.map((v) => [`${v.id}: ${v.description}`, v] as const))('%s', async (_name, v) => {
      const { status, body } = await service.patientView(v.patientId, prefetch);
      expect(status).toBe(200);
      expect(rulesOf(body.cards)).toEqual([...v.expectedRules].sort());
      expect(highest(body.cards)).toBe(v.highestIndicator);
      assertCdsHooksInvariants('response', body);
    });
  });
});

import { assertCdsHooksInvariants } from '@pcb-cds/cds-hooks-api/testing';
import type { Card } from '@pcb-cds/cds-hooks-model';
import { DEMO_PATIENTS } from '@pcb-cds/postcoital-bleeding-demo-patients';
import { RULE_IDS } from '@pcb-cds/postcoital-bleeding-rules';
import { demoDataBundles } from './demo-data';
import type { PcbTestStack } from './testing/pcb-test-stack';
import { startPcbTestStack } from './testing/pcb-test-stack';

const NOW = new Date();

// What `npm start` must show for each demo patient: the rules the guideline fires for the story
// (checked against pcb-guideline.md §2 by hand) and the most urgent indicator.
const EXPECTED: Record<string, [rules: string[], highest: Card['indicator'] | 'none']> = {
  'pcb-demo-under-21': [['PCB-10', 'PCB-12', 'PCB-13', 'PCB-14'], 'info'],
  'pcb-demo-overdue-pap': [['PCB-10', 'PCB-11'], 'info'],
  'pcb-demo-persistent-pcb': [['PCB-10', 'PCB-15'], 'warning'],
  'pcb-demo-pregnant-8w': [['PCB-10', 'PCB-30'], 'warning'],
  'pcb-demo-pregnant-30w': [['PCB-32', 'PCB-33'], 'critical'],
  'pcb-demo-pregnant-8w-emergency': [['PCB-10', 'PCB-31', 'PCB-33'], 'critical'],
  'pcb-demo-postmenopausal': [['PCB-10', 'PCB-13', 'PCB-20'], 'warning'],
  'pcb-demo-post-hysterectomy': [['PCB-10', 'PCB-13', 'PCB-40'], 'info'],
  'pcb-demo-heavy-bleeding-hypotensive': [['PCB-10', 'PCB-13', 'PCB-50'], 'critical'],
  'pcb-demo-control-no-pcb': [[], 'none'],
  'pcb-demo-control-male': [[], 'none'],
  'pcb-demo-control-old-pcb': [[], 'none'],
  'pcb-demo-hsil-awaiting-colposcopy': [['PCB-10', 'PCB-13', 'PCB-14', 'PCB-16'], 'warning'],
  'pcb-demo-hiv-annual-cytology': [['PCB-10', 'PCB-11', 'PCB-13', 'PCB-14', 'PCB-43'], 'info'],
  'pcb-demo-tamoxifen-premenopausal': [['PCB-10', 'PCB-24'], 'info'],
  'pcb-demo-cin2-history': [['PCB-10', 'PCB-13', 'PCB-14', 'PCB-44'], 'warning'],
  'pcb-demo-cervical-polyp': [['PCB-10', 'PCB-18'], 'info'],
  'pcb-demo-menopause-unknown-imb': [['PCB-02', 'PCB-10', 'PCB-13', 'PCB-14', 'PCB-25'], 'warning'],
  'pcb-demo-subtotal-hysterectomy': [['PCB-10', 'PCB-13', 'PCB-41'], 'info'],
  'pcb-demo-anticoagulated': [['PCB-10', 'PCB-13', 'PCB-14', 'PCB-45'], 'info'],
  'pcb-demo-recent-delivery': [['PCB-01', 'PCB-10', 'PCB-13'], 'info'],
  'pcb-demo-trans-man': [['PCB-10', 'PCB-13', 'PCB-14'], 'info'],
  'pcb-demo-no-screening-record': [['PCB-03', 'PCB-10', 'PCB-11', 'PCB-13', 'PCB-14'], 'info'],
  'pcb-demo-ambiguous-hysterectomy': [['PCB-04', 'PCB-10'], 'info'],
  'pcb-demo-cervical-lesion': [['PCB-10', 'PCB-17'], 'warning'],
  'pcb-demo-postmenopausal-hrt': [['PCB-10', 'PCB-13', 'PCB-20', 'PCB-21', 'PCB-22'], 'warning'],
  'pcb-demo-tamoxifen-postmenopausal': [['PCB-10', 'PCB-23'], 'warning'],
  'pcb-demo-screened-out-70': [['PCB-10', 'PCB-20', 'PCB-42'], 'warning'],
  'pcb-demo-fever-pain-discharge': [['PCB-10', 'PCB-13', 'PCB-14', 'PCB-51', 'PCB-52'], 'warning'],
  'pcb-demo-weight-loss-mass': [['PCB-10', 'PCB-53'], 'warning'],
};
const RANK = { none: 0, info: 1, warning: 2, critical: 3 } as const;

describe('demo patients, as npm start serves them', () => {
  let stack: PcbTestStack;
  beforeAll(async () => {
    stack = await startPcbTestStack({
      today: NOW.toISOString().slice(0, 10),
      bundles: demoDataBundles(NOW),
    });
  }, 60_000);
  afterAll(() => stack?.close());

  it('has an expectation for every demo patient', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(DEMO_PATIENTS.map((p) => p.id).sort());
  });

  it('every card-emitting rule fires for at least one demo patient', () => {
    const fired = new Set(Object.values(EXPECTED).flatMap(([rules]) => rules));
    expect(RULE_IDS.filter((id) => !fired.has(id))).toEqual([]);
  });

  it.each(DEMO_PATIENTS.map((p) => [p.id, p.story] as const))('%s: %s', async (id) => {
    const { status, body } = await stack.patientView(id);
    expect(status).toBe(200);
    const [rules, highest] = EXPECTED[id];
    expect(body.cards.flatMap((c) => c.extension?.['org.pcb-cds.rules'] as string[]).sort()).toEqual(rules);
    expect(body.cards.reduce<keyof typeof RANK>((h, c) => (RANK[c.indicator] > RANK[h] ? c.indicator : h), 'none')).toBe(highest);
    assertCdsHooksInvariants('response', body);
    for (const card of body.cards) {
      expect(card.uuid).toMatch(/^[0-9a-f-]{36}$/);
      expect(card.summary.length).toBeLessThanOrEqual(139);
      for (const s of card.suggestions ?? []) {
        expect(s.uuid).toMatch(/^[0-9a-f-]{36}$/);
      }
    }
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

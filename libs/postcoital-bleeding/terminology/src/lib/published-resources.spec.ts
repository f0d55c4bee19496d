import conceptMaps from '../data/concept-maps.json';
import orders from '../data/orders.json';
import systems from '../data/systems.json';
import valueSets from '../data/value-sets.json';
import { PCB_FACTS_CODE_SYSTEM, PCB_HISTORY_QUESTIONNAIRE } from './published-resources';

const projectCodesUsed = (): string[] => {
  const text = JSON.stringify([valueSets, conceptMaps, orders]);
  return [...new Set([...text.matchAll(/"pcb\|([a-z-]+)"/g)].map((m) => m[1]))].sort();
};

describe('published FHIR artefacts', () => {
  it('the CodeSystem defines exactly the project codes the terminology uses', () => {
    expect(PCB_FACTS_CODE_SYSTEM.url).toBe(systems.pcb);
    expect(PCB_FACTS_CODE_SYSTEM.concept.map((c) => c.code).sort()).toEqual(projectCodesUsed());
    expect(PCB_FACTS_CODE_SYSTEM.count).toBe(PCB_FACTS_CODE_SYSTEM.concept.length);
  });

  it('every coded Questionnaire item uses its linkId as a project code the facts read', () => {
    const used = projectCodesUsed();
    const coded = PCB_HISTORY_QUESTIONNAIRE.item.filter((i) => i.code);
    expect(coded.length).toBeGreaterThanOrEqual(6);
    for (const item of coded) {
      expect(item.code?.[0]).toEqual({ system: systems.pcb, code: item.linkId });
      expect(used).toContain(item.linkId);
    }
  });
});

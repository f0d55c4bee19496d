import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { US_PARAMETERS } from '@pcb-cds/postcoital-bleeding-facts';
import { RULES } from './evaluate-postcoital-bleeding';
import { RULE_IDS } from './recommendation';

const DOC = join(__dirname, '../../../../../docs/clinical-logic.md');

interface Row {
  id: string;
  urgencies: string[];
  indicator: string;
  parameters: string[];
}

function rows(): Row[] {
  return readFileSync(DOC, 'utf8')
    .split('\n')
    .filter((line) => /^\| PCB-\d\d \|/.test(line))
    .map((line) => line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim()))
    .map(([id, , , urgency, indicator, , parameters]) => ({
      id,
      urgencies: urgency === '—' ? [] : urgency.split('/').map((u) => u.trim()),
      indicator,
      parameters: parameters === '—' ? [] : parameters.split(',').map((p) => p.trim()),
    }));
}

// docs/clinical-logic.md is the clinician-facing table of every rule: it must match the code.
describe('docs/clinical-logic.md is in step with the rules', () => {
  const table = rows();
  const byId = new Map(table.map((r) => [r.id, r]));

  it('lists exactly the rules the code implements (plus the PCB-00 gate), each once', () => {
    expect(table.map((r) => r.id)).toEqual(['PCB-00', ...RULE_IDS]);
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s: urgency and parameters match the code', (id, rule) => {
    const row = byId.get(id);
    expect(row?.urgencies).toEqual([...rule.urgencies]);
    expect(row?.parameters).toEqual([...rule.parameters]);
  });

  it.each(table.map((r) => [r.id, r] as const))('%s: every named parameter exists, indicator follows the urgency map', (id, row) => {
    for (const p of row.parameters) {
      expect(Object.keys(US_PARAMETERS)).toContain(p);
    }
    const map: Record<string, string> = { routine: 'info', soon: 'warning', urgent: 'warning', emergency: 'critical' };
    if (id !== 'PCB-00' && id !== 'PCB-33') {
      expect(row.indicator).toBe(map[row.urgencies[0]]);
    }
  });
});

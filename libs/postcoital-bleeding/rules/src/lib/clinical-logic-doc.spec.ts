import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { US_PARAMETERS } from '@pcb-cds/postcoital-bleeding-facts';
import { clinicalLogicDocument, REGENERATE_CLINICAL_LOGIC } from './clinical-logic-document';
import { RULES } from './evaluate-postcoital-bleeding';
import { RULE_IDS } from './recommendation';

const DOCS = join(__dirname, '../../../../../docs');
const DOC = join(DOCS, 'clinical-logic.md');

// docs/clinical-logic.md is generated from the rule objects: the committed file must be what they say.
describe('docs/clinical-logic.md is in step with the rules', () => {
  const expected = clinicalLogicDocument(US_PARAMETERS, readFileSync(join(DOCS, 'order-hooks.md'), 'utf8'));

  if (process.env['UPDATE_CLINICAL_LOGIC'] === '1') {
    writeFileSync(DOC, expected);
  }

  it('equals the document generated from the rules', () => {
    const committed = readFileSync(DOC, 'utf8');
    if (committed !== expected) {
      throw new Error(`docs/clinical-logic.md differs from the rules. Regenerate it with:\n  ${REGENERATE_CLINICAL_LOGIC}`);
    }
  });

  it('has a row for every rule, each once, in evaluation order', () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
    const rows = expected
      .split('\n')
      .filter((l) => /^\| PCB-\d\d \|/.test(l))
      .map((l) => l.slice(2, 8));
    expect(rows).toEqual([...RULE_IDS]);
  });

  it('describes every condition in words (no predicate without a description)', () => {
    for (const line of expected.split('\n').filter((l) => /^\| PCB-\d\d \|/.test(l))) {
      const conditions = line.split(' | ')[2];
      expect(conditions.length).toBeGreaterThan(5);
      expect(conditions).not.toMatch(/undefined|\[object/);
    }
  });
});

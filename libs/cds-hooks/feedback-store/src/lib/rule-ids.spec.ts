import type { Card } from '@pcb-cds/cds-hooks-model';
import { defaultRuleIds, ruleIdsFromExtension } from './rule-ids';

const card = (extension?: Record<string, unknown>): Card => ({
  summary: 's',
  indicator: 'info',
  source: { label: 'l' },
  ...(extension ? { extension } : {}),
});

describe('rule id extractors', () => {
  it('reads org.pcb-cds.rules by default, deduplicated, in order', () => {
    expect(defaultRuleIds(card({ 'org.pcb-cds.rules': ['PCB-12', 'PCB-10', 'PCB-12'] }))).toEqual(['PCB-12', 'PCB-10']);
  });

  it.each([
    ['no extension', undefined],
    ['another key', { 'other.rules': ['PCB-10'] }],
    ['not an array', { 'org.pcb-cds.rules': 'PCB-10' }],
  ])('finds no rules with %s', (_label, extension) => {
    expect(defaultRuleIds(card(extension))).toEqual([]);
  });

  it('drops non-string and empty members', () => {
    expect(defaultRuleIds(card({ 'org.pcb-cds.rules': ['PCB-10', 3, null, '', 'PCB-11'] }))).toEqual(['PCB-10', 'PCB-11']);
  });

  it('reads any key it is given (the library is protocol-generic)', () => {
    expect(ruleIdsFromExtension('acme.rules')(card({ 'acme.rules': ['R1'] }))).toEqual(['R1']);
  });
});

import { buildGuidelineConfiguration, GuidelineConfigurationError } from './guideline-configuration';

describe('guideline configuration file', () => {
  it('an empty file gives the US defaults', () => {
    const c = buildGuidelineConfiguration({});
    expect(c.parameters).toMatchObject({ jurisdiction: 'US', lookbackDays: 90, screenMinAge: 21 });
    expect(c.indicatorMap).toEqual({ routine: 'info', soon: 'warning', urgent: 'warning', emergency: 'critical', immediate: 'critical' });
  });

  it('overrides parameters, jurisdiction and the indicator map', () => {
    const c = buildGuidelineConfiguration({
      jurisdiction: 'UK',
      parameters: { persistWeeks: 8, cotestNegativeDeescalation: true },
      indicatorMap: { urgent: 'critical' },
    });
    expect(c.parameters).toMatchObject({ jurisdiction: 'UK', screenMinAge: 25, persistWeeks: 8, cotestNegativeDeescalation: true });
    expect(c.indicatorMap.urgent).toBe('critical');
  });

  it('the environment jurisdiction wins over the file', () => {
    expect(buildGuidelineConfiguration({ jurisdiction: 'UK' }, 'US').parameters.screenMinAge).toBe(21);
  });

  it('site codes extend the terminology', () => {
    const c = buildGuidelineConfiguration({
      siteCodes: {
        valueSets: { postcoitalBleeding: ['http://hospital.example/codes|PCB'] },
        conceptMaps: { symptom: { 'http://hospital.example/codes|HEAVY': 'heavy-bleeding' } },
      },
    });
    expect(c.terminology.inValueSet('postcoitalBleeding', [{ system: 'http://hospital.example/codes', code: 'PCB' }])).toBe(true);
    expect(c.terminology.classify('symptom', [{ system: 'http://hospital.example/codes', code: 'HEAVY' }])).toBe('heavy-bleeding');
  });

  it.each([
    ['a misspelt parameter', { parameters: { lookBackDays: 60 } }, 'parameters.lookBackDays is not a guideline parameter'],
    ['a parameter of the wrong type', { parameters: { lookbackDays: '90' } }, 'parameters.lookbackDays must be a non-negative number'],
    ['a negative threshold', { parameters: { persistWeeks: -1 } }, 'parameters.persistWeeks must be a non-negative number'],
    ['an unknown top-level key', { paramters: {} }, 'paramters is not a known setting'],
    ['an unknown jurisdiction', { jurisdiction: 'FR' }, 'jurisdiction must be one of US, UK'],
    ['an unknown urgency', { indicatorMap: { later: 'info' } }, 'indicatorMap.later is not a known setting'],
    ['an unknown indicator', { indicatorMap: { urgent: 'red' } }, 'indicatorMap.urgent must be one of info, warning, critical'],
    ['an unknown value set', { siteCodes: { valueSets: { bleeding: ['a|b'] } } }, 'siteCodes.valueSets.bleeding is not a value set'],
    [
      'a code without system',
      { siteCodes: { valueSets: { postcoitalBleeding: ['PCB'] } } },
      'siteCodes.valueSets.postcoitalBleeding must be a list of "system|code" strings',
    ],
    [
      'an unknown category',
      { siteCodes: { conceptMaps: { symptom: { 'a|b': 'headache' } } } },
      'siteCodes.conceptMaps.symptom["a|b"] must map',
    ],
    ['not an object', [], '(root) must be an object'],
  ])('refuses %s, naming the key', (_name, file, message) => {
    expect(() => buildGuidelineConfiguration(file)).toThrow(GuidelineConfigurationError);
    expect(() => buildGuidelineConfiguration(file)).toThrow(message);
  });
});

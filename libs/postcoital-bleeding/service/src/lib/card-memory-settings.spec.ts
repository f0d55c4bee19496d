import { buildGuidelineConfiguration, GuidelineConfigurationError } from './guideline-configuration';
import { DEFAULT_CARD_MEMORY } from './card-memory-settings';

describe('cardMemory in the configuration file', () => {
  it('defaults: 30 days already referred / done elsewhere, 90 patient declined, 0 not clinically appropriate, 14 after acceptance', () => {
    const { cardMemory } = buildGuidelineConfiguration({});
    expect(cardMemory).toBe(DEFAULT_CARD_MEMORY);
    expect(cardMemory.overrideReasonDays).toMatchObject({
      'already-referred': 30,
      'done-elsewhere': 30,
      'patient-declined': 90,
      'not-clinically-appropriate': 0,
      'record-incorrect': 7,
    });
    expect(cardMemory.acceptedSuggestionDays).toBe(14);
    expect(cardMemory.neverHiddenUrgencies).toEqual(['urgent', 'emergency', 'immediate']);
  });

  it('a site changes one window and keeps the others', () => {
    const { cardMemory } = buildGuidelineConfiguration({
      cardMemory: { overrideReasonDays: { 'patient-declined': 180 }, acceptedSuggestionDays: 7 },
    });
    expect(cardMemory.overrideReasonDays['patient-declined']).toBe(180);
    expect(cardMemory.overrideReasonDays['done-elsewhere']).toBe(30);
    expect(cardMemory.acceptedSuggestionDays).toBe(7);
  });

  it.each([
    [{ cardMemory: { overrideReasonDays: { 'done-elswhere': 30 } } }, /done-elswhere is not an override reason code/],
    [{ cardMemory: { acceptedSuggestionDays: -1 } }, /acceptedSuggestionDays must be a whole number of days/],
    [{ cardMemory: { acceptedSuggestionDays: 1.5 } }, /whole number/],
    [{ cardMemory: { neverHiddenUrgencies: [] } }, /cardMemory.neverHiddenUrgencies is not a known setting/],
  ])('refuses %j', (file, message) => {
    expect(() => buildGuidelineConfiguration(file)).toThrow(GuidelineConfigurationError);
    expect(() => buildGuidelineConfiguration(file)).toThrow(message);
  });
});

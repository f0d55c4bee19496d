import type { Urgency } from '@pcb-cds/postcoital-bleeding-rules';

/** Card memory's windows (README "Card memory"); `cardMemory` in the configuration file overrides them. */
export interface CardMemorySettings {
  /** Per override reason code (override-reasons.json): days a dismissed card stays held back for the same evidence. */
  overrideReasonDays: Record<string, number>;
  /** Days an accepted suggestion's card is not shown again for the patient. */
  acceptedSuggestionDays: number;
  /** Never held back, whatever was done before: not configurable (a dismissed emergency must still be seen). */
  neverHiddenUrgencies: readonly Urgency[];
}

/**
 * The memory is per patient, not per clinician: a reason that states a fact about the patient (referred, done
 * elsewhere, declined) holds the card back for everyone; a clinician's own judgement ("not clinically
 * appropriate") does not silence the card for the next clinician (0 days), and the report counts it.
 * "Record incorrect" holds it back a week: the card rests on data someone said is wrong; a corrected record is
 * new evidence and shows at once, and an uncorrected one comes back rather than staying hidden on bad data.
 */
export const DEFAULT_CARD_MEMORY: CardMemorySettings = {
  overrideReasonDays: {
    'already-referred': 30,
    'done-elsewhere': 30,
    'patient-declined': 90,
    // The reason says "assessing today": tomorrow the card should be back if the bleed is still unexplained.
    'obstetric-team-assessing-today': 1,
    'record-incorrect': 7,
    'not-clinically-appropriate': 0,
  },
  acceptedSuggestionDays: 14,
  neverHiddenUrgencies: ['urgent', 'emergency', 'immediate'],
};

export class CardMemorySettingsError extends Error {}

/** `cardMemory: { overrideReasonDays?: { code: days }, acceptedSuggestionDays?: days }`, whole days, 0–3650. */
export function cardMemorySettings(value: unknown, knownReasonCodes: readonly string[]): CardMemorySettings {
  if (value === undefined) {
    return DEFAULT_CARD_MEMORY;
  }
  const v = plainObject(value, 'cardMemory');
  const unknown = Object.keys(v).find((k) => k !== 'overrideReasonDays' && k !== 'acceptedSuggestionDays');
  if (unknown !== undefined) {
    throw new CardMemorySettingsError(`cardMemory.${unknown} is not a known setting`);
  }
  const overrideReasonDays = { ...DEFAULT_CARD_MEMORY.overrideReasonDays };
  if (v['overrideReasonDays'] !== undefined) {
    for (const [code, days] of Object.entries(plainObject(v['overrideReasonDays'], 'cardMemory.overrideReasonDays'))) {
      if (!knownReasonCodes.includes(code)) {
        throw new CardMemorySettingsError(
          `cardMemory.overrideReasonDays.${code} is not an override reason code (${knownReasonCodes.join(', ')})`,
        );
      }
      overrideReasonDays[code] = wholeDays(days, `cardMemory.overrideReasonDays.${code}`);
    }
  }
  const accepted = v['acceptedSuggestionDays'];
  return {
    overrideReasonDays,
    acceptedSuggestionDays:
      accepted === undefined ? DEFAULT_CARD_MEMORY.acceptedSuggestionDays : wholeDays(accepted, 'cardMemory.acceptedSuggestionDays'),
    neverHiddenUrgencies: DEFAULT_CARD_MEMORY.neverHiddenUrgencies,
  };
}

function wholeDays(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 3650) {
    throw new CardMemorySettingsError(`${path} must be a whole number of days from 0 to 3650`);
  }
  return value;
}

function plainObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CardMemorySettingsError(`${path} must be an object`);
  }
  return value as Record<string, unknown>;
}

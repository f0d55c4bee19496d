import type { IndicatorMap } from '@pcb-cds/postcoital-bleeding-cards';
import { DEFAULT_INDICATOR_MAP } from '@pcb-cds/postcoital-bleeding-cards';
import type { GuidelineParameters, Jurisdiction } from '@pcb-cds/postcoital-bleeding-facts';
import { defaultParameters } from '@pcb-cds/postcoital-bleeding-facts';
import type { SiteCodeMappings } from '@pcb-cds/postcoital-bleeding-terminology';
import { Terminology } from '@pcb-cds/postcoital-bleeding-terminology';
import type { CardMemorySettings } from './card-memory-settings';
import { CardMemorySettingsError, cardMemorySettings } from './card-memory-settings';

/** A site's configuration file (README "Configuration file"): every key optional. */
export interface GuidelineConfigurationFile {
  jurisdiction?: Jurisdiction;
  parameters?: Partial<GuidelineParameters>;
  indicatorMap?: Partial<IndicatorMap>;
  siteCodes?: SiteCodeMappings;
  /** Card memory's windows (README "Card memory"). */
  cardMemory?: { overrideReasonDays?: Record<string, number>; acceptedSuggestionDays?: number };
}

export interface GuidelineConfiguration {
  parameters: GuidelineParameters;
  indicatorMap: IndicatorMap;
  terminology: Terminology;
  cardMemory: CardMemorySettings;
}

export class GuidelineConfigurationError extends Error {}

const INDICATORS = ['info', 'warning', 'critical'];

/**
 * Checks a configuration file against the guideline's parameters and builds the configuration.
 * Any unknown key, or a value of the wrong type, is refused with the key's path: a typo must not
 * silently fall back to a default threshold.
 */
export function buildGuidelineConfiguration(file: unknown, jurisdictionOverride?: Jurisdiction): GuidelineConfiguration {
  const f = object(file, '(root)');
  allowOnly(f, ['jurisdiction', 'parameters', 'indicatorMap', 'siteCodes', 'cardMemory'], '');
  const jurisdiction =
    jurisdictionOverride ?? (f['jurisdiction'] === undefined ? 'US' : oneOf(f['jurisdiction'], ['US', 'UK'], 'jurisdiction'));
  const defaults = defaultParameters(jurisdiction as Jurisdiction);
  const parameters: GuidelineParameters = { ...defaults };
  const overrides = f['parameters'] === undefined ? {} : object(f['parameters'], 'parameters');
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in defaults) || key === 'jurisdiction') {
      throw new GuidelineConfigurationError(`parameters.${key} is not a guideline parameter`);
    }
    const expected = typeof defaults[key as keyof GuidelineParameters];
    if (typeof value !== expected || (expected === 'number' && (!Number.isFinite(value) || (value as number) < 0))) {
      throw new GuidelineConfigurationError(`parameters.${key} must be a ${expected === 'number' ? 'non-negative number' : expected}`);
    }
    (parameters as unknown as Record<string, unknown>)[key] = value;
  }
  const indicatorMap = { ...DEFAULT_INDICATOR_MAP };
  const indicators = f['indicatorMap'] === undefined ? {} : object(f['indicatorMap'], 'indicatorMap');
  allowOnly(indicators, Object.keys(DEFAULT_INDICATOR_MAP), 'indicatorMap.');
  for (const [urgency, indicator] of Object.entries(indicators)) {
    indicatorMap[urgency as keyof IndicatorMap] = oneOf(
      indicator,
      INDICATORS,
      `indicatorMap.${urgency}`,
    ) as IndicatorMap[keyof IndicatorMap];
  }
  const terminology = siteTerminology(f['siteCodes']);
  return { parameters, indicatorMap, terminology, cardMemory: cardMemoryOf(f['cardMemory'], terminology) };
}

function cardMemoryOf(value: unknown, terminology: Terminology): CardMemorySettings {
  const codes = [...terminology.overrideReasons('pregnancy'), ...terminology.overrideReasons('other')].map((r) => r.code);
  try {
    return cardMemorySettings(value, [...new Set(codes)]);
  } catch (error) {
    throw error instanceof CardMemorySettingsError ? new GuidelineConfigurationError(error.message) : error;
  }
}

function siteTerminology(value: unknown): Terminology {
  if (value === undefined) {
    return new Terminology();
  }
  const site = object(value, 'siteCodes');
  allowOnly(site, ['valueSets', 'conceptMaps'], 'siteCodes.');
  const probe = new Terminology();
  const valueSets = site['valueSets'] === undefined ? {} : object(site['valueSets'], 'siteCodes.valueSets');
  for (const [name, codes] of Object.entries(valueSets)) {
    if (!probe.hasValueSet(name)) {
      throw new GuidelineConfigurationError(`siteCodes.valueSets.${name} is not a value set`);
    }
    if (!Array.isArray(codes) || !codes.every((c) => typeof c === 'string' && /^[^|\s]+\|[^|\s]+$/.test(c))) {
      throw new GuidelineConfigurationError(`siteCodes.valueSets.${name} must be a list of "system|code" strings`);
    }
  }
  const conceptMaps = site['conceptMaps'] === undefined ? {} : object(site['conceptMaps'], 'siteCodes.conceptMaps');
  for (const [name, map] of Object.entries(conceptMaps)) {
    const categories = probe.conceptMapCategories(name);
    if (!categories) {
      throw new GuidelineConfigurationError(`siteCodes.conceptMaps.${name} is not a concept map`);
    }
    for (const [code, category] of Object.entries(object(map, `siteCodes.conceptMaps.${name}`))) {
      if (!/^[^|\s]+\|[^|\s]+$/.test(code) || typeof category !== 'string' || !categories.includes(category)) {
        throw new GuidelineConfigurationError(
          `siteCodes.conceptMaps.${name}["${code}"] must map "system|code" to one of: ${categories.join(', ')}`,
        );
      }
    }
  }
  return new Terminology(site as SiteCodeMappings);
}

function object(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GuidelineConfigurationError(`${path} must be an object`);
  }
  return value as Record<string, unknown>;
}

function allowOnly(value: Record<string, unknown>, keys: string[], prefix: string): void {
  const unknown = Object.keys(value).find((k) => !keys.includes(k));
  if (unknown !== undefined) {
    throw new GuidelineConfigurationError(`${prefix}${unknown} is not a known setting`);
  }
}

function oneOf(value: unknown, allowed: string[], path: string): string {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new GuidelineConfigurationError(`${path} must be one of ${allowed.join(', ')}`);
  }
  return value;
}

import { parseArgs } from 'node:util';
import { buildPrefetch } from '@pcb-cds/cds-hooks-api';
import type { FhirResourceJson } from '@pcb-cds/cds-hooks-model';
import { PostcoitalBleedingCdsService } from '@pcb-cds/postcoital-bleeding-service';
import type { AppConfig } from './app-config';
import { ConfigError, loadGuidelineConfiguration } from './app-config';

const USAGE = 'prefetch [--templates <JSON object>] [--user <Type/id>] <FHIR base URL> <patient id>...';

/**
 * `main.js prefetch <fhirBaseUrl> <patientId>...`: for each patient, the prefetch an EHR would send, built by the
 * product's own buildPrefetch, printed as one JSON object keyed by patient id. Templates: `--templates` (e.g. a
 * running service's discovery `prefetch`), else those of pcb-evaluation as this configuration serves it. The
 * bench and the load test build their requests with it, so they fill templates and follow pages as the service does.
 */
export async function prefetchCommand(
  config: AppConfig,
  argv: string[],
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<void> {
  const { templates, userId, fhirBaseUrl, patientIds } = prefetchArguments(config, argv);
  const prefetches: Record<string, Record<string, FhirResourceJson | null>> = {};
  for (const patientId of patientIds) {
    prefetches[patientId] = await buildPrefetch(templates, { userId, patientId }, { fhirBaseUrl });
  }
  write(`${JSON.stringify(prefetches)}\n`);
}

function prefetchArguments(
  config: AppConfig,
  argv: string[],
): { templates: Record<string, string>; userId: string; fhirBaseUrl: string; patientIds: string[] } {
  let parsed: ParsedArguments;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new ConfigError(`prefetch: ${(error as Error).message}; usage: ${USAGE}`);
  }
  const [fhirBaseUrl, ...patientIds] = parsed.positionals;
  if (!fhirBaseUrl || !/^https?:\/\/\S+$/.test(fhirBaseUrl) || patientIds.length === 0) {
    throw new ConfigError(`prefetch needs a FHIR base URL and at least one patient id; usage: ${USAGE}`);
  }
  return {
    templates: parsed.values.templates ? templatesFrom(parsed.values.templates) : servedTemplates(config),
    userId: parsed.values.user ?? 'Practitioner/prefetch',
    fhirBaseUrl: fhirBaseUrl.replace(/\/+$/, ''),
    patientIds,
  };
}

interface ParsedArguments {
  values: { templates?: string; user?: string };
  positionals: string[];
}

function parse(argv: string[]): ParsedArguments {
  return parseArgs({
    args: argv,
    options: { templates: { type: 'string' }, user: { type: 'string' } },
    allowPositionals: true,
  });
}

function templatesFrom(json: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.values(value).some((t) => typeof t !== 'string')) {
    throw new ConfigError('prefetch: --templates must be a JSON object of prefetch templates (key → query)');
  }
  return value as Record<string, string>;
}

/** pcb-evaluation's templates as this configuration (PCB_CONFIG_FILE, PCB_JURISDICTION) declares them in discovery. */
function servedTemplates(config: AppConfig): Record<string, string> {
  return new PostcoitalBleedingCdsService({ ...loadGuidelineConfiguration(config), clock: () => new Date() }).definition.prefetch ?? {};
}

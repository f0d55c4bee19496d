import { Logger } from '@nestjs/common';
import type { FeedbackRepository } from '@pcb-cds/cds-hooks-feedback-store';
import {
  createFeedbackRepository,
  DurableCardLedger,
  PatientHashSaltError,
  resolvePatientHashSalt,
} from '@pcb-cds/cds-hooks-feedback-store';
import type { AppConfig } from './app-config';
import { ConfigError } from './app-config';

/** The durable feedback store (PostgreSQL with DATABASE_URL, else SQLite) and the patient-hash salt. */
export async function openFeedbackStore(
  config: Pick<AppConfig, 'patientHashSalt' | 'databaseUrl' | 'sqlitePath'> & Partial<Pick<AppConfig, 'databaseSchema'>>,
): Promise<{ repository: FeedbackRepository; ledger: DurableCardLedger; patientHashSalt: string }> {
  let salt: ReturnType<typeof resolvePatientHashSalt>;
  try {
    salt = resolvePatientHashSalt(config.patientHashSalt);
  } catch (error) {
    throw error instanceof PatientHashSaltError ? new ConfigError(`PATIENT_HASH_SALT: ${error.message}`) : error;
  }
  if (salt.ephemeral && config.databaseUrl) {
    // A shared store means several replicas (or restarts): each would hash the same patient differently, so the
    // ledger could not link a patient's cards and card memory would silently forget dismissals. Refused loudly.
    throw new ConfigError(
      'PATIENT_HASH_SALT must be set (the same secret on every replica, at least 16 characters) when DATABASE_URL is: patient hashes must match across replicas and restarts for card memory',
    );
  }
  if (salt.ephemeral) {
    Logger.warn(
      'PATIENT_HASH_SALT is unset: a random per-process salt is used, so patient hashes cannot be linked across restarts (card memory forgets on restart)',
      'feedback',
    );
  }
  const repository = createFeedbackRepository({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    ...(config.databaseSchema ? { postgres: { schema: config.databaseSchema } } : {}),
  });
  await repository.init();
  // Issued cards are written in batches (one fsync per 50 ms, not per request); shutdown flushes them.
  return {
    repository,
    ledger: new DurableCardLedger(repository, {
      patientHashSalt: salt.salt,
      flushIntervalMs: 50,
    }),
    patientHashSalt: salt.salt,
  };
}

import { createHmac, randomBytes } from 'node:crypto';

/** HMAC-SHA256 of a patient id under a secret salt, hex. Only `hashPatientId` makes one. */
export type PatientHash = string & { readonly __brand: 'PatientHash' };

/** Shorter salts are refused: a guessable salt makes the hash a lookup table of patient ids. */
export const MIN_PATIENT_HASH_SALT_LENGTH = 16;

export class PatientHashSaltError extends Error {
  override readonly name = 'PatientHashSaltError';
}

/** Same id and salt → same hash; another salt → another hash; the id cannot be read back. */
export function hashPatientId(patientId: string, salt: string): PatientHash {
  checkSalt(salt);
  return createHmac('sha256', salt).update(patientId, 'utf8').digest('hex') as PatientHash;
}

export interface PatientHashSalt {
  salt: string;
  /**
   * True when no salt was configured and a random one was made for this process: hashes are then not
   * comparable across restarts (safe, but a patient's cards cannot be linked over time).
   */
  ephemeral: boolean;
}

/**
 * The salt to use from configuration (e.g. PATIENT_HASH_SALT): the configured one when set (at least
 * MIN_PATIENT_HASH_SALT_LENGTH characters, else an error), otherwise a random per-process salt — never an
 * empty or fixed one.
 */
export function resolvePatientHashSalt(configured: string | undefined): PatientHashSalt {
  if (configured === undefined || configured === '') {
    return { salt: randomBytes(32).toString('hex'), ephemeral: true };
  }
  checkSalt(configured);
  return { salt: configured, ephemeral: false };
}

function checkSalt(salt: string): void {
  if (typeof salt !== 'string' || salt.length < MIN_PATIENT_HASH_SALT_LENGTH) {
    throw new PatientHashSaltError(`the patient hash salt must be at least ${MIN_PATIENT_HASH_SALT_LENGTH} characters`);
  }
}

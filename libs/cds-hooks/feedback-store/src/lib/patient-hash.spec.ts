import { createHash, createHmac } from 'node:crypto';
import { hashPatientId, MIN_PATIENT_HASH_SALT_LENGTH, PatientHashSaltError, resolvePatientHashSalt } from './patient-hash';

const SALT = 'a-secret-salt-of-some-length';

describe('hashPatientId', () => {
  it('is HMAC-SHA256(salt, id) in hex: same id and salt, same hash', () => {
    expect(hashPatientId('pat-1', SALT)).toBe(createHmac('sha256', SALT).update('pat-1').digest('hex'));
    expect(hashPatientId('pat-1', SALT)).toBe(hashPatientId('pat-1', SALT));
  });

  it('differs with another salt, another id, and from an unsalted hash', () => {
    const hash = hashPatientId('pat-1', SALT);
    expect(hashPatientId('pat-1', `${SALT}x`)).not.toBe(hash);
    expect(hashPatientId('pat-2', SALT)).not.toBe(hash);
    expect(hash).not.toBe(createHash('sha256').update('pat-1').digest('hex'));
    expect(hash).not.toContain('pat-1');
  });

  it.each(['', 'short', 'x'.repeat(MIN_PATIENT_HASH_SALT_LENGTH - 1)])('refuses the salt %j', (salt) => {
    expect(() => hashPatientId('pat-1', salt)).toThrow(PatientHashSaltError);
  });
});

describe('resolvePatientHashSalt', () => {
  it('uses the configured salt', () => {
    expect(resolvePatientHashSalt(SALT)).toEqual({ salt: SALT, ephemeral: false });
  });

  it.each([undefined, ''])('makes a random per-process salt when none is configured (%j)', (configured) => {
    const a = resolvePatientHashSalt(configured);
    const b = resolvePatientHashSalt(configured);
    expect(a.ephemeral).toBe(true);
    expect(a.salt).toMatch(/^[0-9a-f]{64}$/);
    expect(a.salt).not.toBe(b.salt);
  });

  it('refuses a configured salt that is too short', () => {
    expect(() => resolvePatientHashSalt('too-short')).toThrow(PatientHashSaltError);
  });
});

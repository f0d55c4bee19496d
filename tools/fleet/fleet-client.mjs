// A CDS client of the fleet test: its own ES384 key, trusted by every replica, one fresh JWT per call
// (each jti is single-use), calls over loopback with the upstream nginx chose read back from X-Upstream.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

const PATIENT_VIEW = JSON.parse(readFileSync(new URL('../../docs/examples/patient-view-with-prefetch.json', import.meta.url), 'utf8'));

export class FleetClient {
  static async create(iss) {
    const { publicKey, privateKey } = await generateKeyPair('ES384');
    const kid = randomUUID();
    return new FleetClient(iss, kid, privateKey, { ...(await exportJWK(publicKey)), kid, alg: 'ES384', use: 'sig' });
  }

  constructor(iss, kid, privateKey, publicJwk) {
    Object.assign(this, { iss, kid, privateKey, publicJwk });
  }

  trustedClient() {
    return { iss: this.iss, jwks: { keys: [this.publicJwk] } };
  }

  /** A bearer token for one call of `audience` (PUBLIC_BASE_URL + path). */
  async token(audience) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'ES384', kid: this.kid, typ: 'JWT' })
      .setIssuer(this.iss)
      .setAudience(audience)
      .setIssuedAt(now)
      .setExpirationTime(now + 120)
      .setJti(randomUUID())
      .sign(this.privateKey);
  }
}

/**
 * One HTTP call; never throws for HTTP or network failures (status 0 = no answer). `publicBase` is the URL the
 * token's aud names; `base` where the call goes (the balancer or one replica).
 */
export async function call(base, path, { method = 'GET', body, authorization, signal } = {}) {
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(authorization ? { authorization: `Bearer ${authorization}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: signal ?? AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, body: json, upstream: res.headers.get('x-upstream') ?? '' };
  } catch (error) {
    return { status: 0, body: undefined, upstream: '', error: String(error?.cause?.code ?? error?.name ?? error) };
  }
}

let prefetchKeys = [];

/** The prefetch keys the service asks for (from discovery): those the example lacks are sent as null ("no data"). */
export function usePrefetchKeys(keys) {
  prefetchKeys = keys;
}

/** The example's patient-view request; `patientId` renames its patient everywhere (a patient of one scenario's own). */
export function patientViewRequest(patientId) {
  const example = patientId ? JSON.parse(JSON.stringify(PATIENT_VIEW).replaceAll(PATIENT_VIEW.context.patientId, patientId)) : PATIENT_VIEW;
  const prefetch = { ...Object.fromEntries(prefetchKeys.map((key) => [key, null])), ...example.prefetch };
  return { ...example, hookInstance: randomUUID(), prefetch };
}

export function feedbackRequest(cardUuid) {
  const outcome = 'accepted';
  return {
    feedback: [
      { card: cardUuid, outcome, acceptedSuggestions: [{ id: 'fleet-test-suggestion' }], outcomeTimestamp: new Date().toISOString() },
    ],
  };
}
